package dev.codestory.gitops.git;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.util.FS;

/**
 * Some directories of the repository as they are at a revision, written into a temporary directory that
 * {@link #close()} deletes. Reads Git objects only: no checkout, the work tree and the index stay as they are.
 */
public final class RevisionExport implements AutoCloseable {

    private final Path dir;
    private final String commit;

    private RevisionExport(Path dir, String commit) {
        this.dir = dir;
        this.commit = commit;
    }

    /**
     * {@code directories} (relative to {@code root}) at {@code revision}: a branch, tag, commit id or any
     * expression Git accepts ({@code HEAD~1}, {@code origin/main}). {@code root} may be below the top of the
     * work tree; the export is laid out relative to it.
     */
    public static RevisionExport of(Path root, String revision, List<String> directories) {
        FS.FileStoreAttributes.setBackground(true);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            throw new GitException(root + " is not in a Git repository");
        }
        try (Repository repository = builder.setMustExist(true).build()) {
            String prefix = prefix(repository, root);
            ObjectId id = resolve(repository, revision);
            // where java.io.tmpdir points now (the JDK's default directory is the one it named at the first use)
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "code-story-diff-");
            try {
                write(repository, id, prefix, directories, dir);
            } catch (IOException | RuntimeException e) {
                delete(dir);
                throw e;
            }
            return new RevisionExport(dir, id.abbreviate(7).name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding the exported files. */
    public Path dir() {
        return dir;
    }

    /** The revision's commit id, abbreviated. */
    public String commit() {
        return commit;
    }

    @Override
    public void close() {
        delete(dir);
    }

    private static String prefix(Repository repository, Path root) throws IOException {
        if (repository.isBare()) {
            throw new GitException(root + " is in a bare Git repository (no work tree to compare with)");
        }
        Path top = repository.getWorkTree().toPath().toRealPath();
        Path relative = top.relativize(root.toRealPath());
        StringBuilder prefix = new StringBuilder();
        for (Path part : relative) {
            if (!part.toString().isEmpty()) {
                prefix.append(part).append('/');
            }
        }
        return prefix.toString();
    }

    private static ObjectId resolve(Repository repository, String revision) {
        try {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                throw new GitException("unknown revision '" + revision + "': not a branch, tag or commit in this"
                        + " repository" + (isShallow(repository) ? " (the clone is shallow: fetch it, or clone"
                        + " with the full history)" : ""));
            }
            return id;
        } catch (RevisionSyntaxException | IOException e) {
            throw new GitException("invalid revision '" + revision + "': " + e.getMessage());
        }
    }

    private static boolean isShallow(Repository repository) {
        return Files.isRegularFile(repository.getDirectory().toPath().resolve("shallow"));
    }

    private static void write(Repository repository, ObjectId commitId, String prefix, List<String> directories,
            Path dir) throws IOException {
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilterGroup.createFromStrings(directories.stream().map(d -> prefix + d).toList()));
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                Path target = dir.resolve(tree.getPathString().substring(prefix.length())).normalize();
                if (mode == FileMode.GITLINK || !target.startsWith(dir)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                ObjectLoader blob = repository.open(tree.getObjectId(0));
                if (mode == FileMode.SYMLINK) {
                    Files.createSymbolicLink(target, Path.of(new String(blob.getBytes(), StandardCharsets.UTF_8)));
                } else {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        blob.copyTo(out);
                    }
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover in the temporary directory is harmless; the diff itself is done
        }
    }
}
