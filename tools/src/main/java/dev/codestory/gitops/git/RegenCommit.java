package dev.codestory.gitops.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.FS;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * Commits what regen owns, and nothing else: the generated files (written or removed), the golden files and
 * the lock file, plus the inputs (environment specs, images files, files under an overlay's {@code local/}) the
 * user or a bot staged, so a spec or version change and its output land together; and the images file regen
 * seeded for a new environment.
 *
 * <p>Everything that can refuse is checked by {@link #prepare} before regen writes anything (the repository, the
 * author, the branch name, the inputs). The inputs regen reads must be staged as they are on disk: an edit not
 * staged, a spec not added or a deletion not staged would leave the commit holding other inputs than those its
 * files were generated from. Before committing, the index is checked to hold exactly the bytes regen wrote and
 * the inputs it read; if not, the index is put back as it was and nothing is committed.
 */
public final class RegenCommit {

    private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>\\n]*[^<>\\s])\\s*<([^<>\\s]+)>\\s*");

    /** The outcome: the commit made (null when nothing changed) and on which branch. */
    public record Result(String commitId, String branch, String message) {
    }

    private final Path root;
    private final PersonIdent identity;
    private final String branch;
    private final Set<String> staged;
    private final Map<String, ObjectId> inputs;

    private RegenCommit(Path root, PersonIdent identity, String branch, Set<String> staged,
                        Map<String, ObjectId> inputs) {
        this.root = root;
        this.identity = identity;
        this.branch = branch;
        this.staged = staged;
        this.inputs = inputs;
    }

    /**
     * Checks, before regen reads or writes anything: a repository with {@code root} at the top of its work tree,
     * an author ({@code author} as 'Name &lt;email&gt;', else git config), a valid new branch name, and the
     * inputs staged as they are on disk. Notes what the index holds, to check again before committing.
     */
    public static RegenCommit prepare(Path root, String author, String branch) {
        FS.FileStoreAttributes.setBackground(true);
        try (Git git = open(root)) {
            Repository repository = git.getRepository();
            PersonIdent identity = identity(repository, author);
            if (branch != null) {
                checkBranch(repository, branch);
            }
            Status status = git.status().call();
            List<String> unstaged = unstagedInputs(status);
            if (!unstaged.isEmpty()) {
                throw new GitException("regen --commit commits the specs and images files it reads, and these differ"
                        + " from the index:\n  " + String.join("\n  ", unstaged) + "\nStage them as they are (git add,"
                        + " or git rm for a deleted one) or undo the edit (git restore), then run regen --commit again;"
                        + " nothing was written");
            }
            Set<String> staged = new TreeSet<>();
            staged.addAll(status.getAdded());
            staged.addAll(status.getChanged());
            staged.addAll(status.getRemoved());
            return new RegenCommit(root, identity, branch, staged, inputsInIndex(repository));
        } catch (GitAPIException | IOException e) {
            throw new GitException("git: " + e.getMessage());
        }
    }

    /**
     * Refuses when the index holds staged changes to paths that are neither {@code owned} by regen nor its inputs:
     * they would land in regen's commit. Call before writing.
     */
    public void checkStaged(Collection<String> owned) {
        List<String> foreign = staged.stream().filter(path -> !owned.contains(path) && !isInput(path)).toList();
        if (!foreign.isEmpty()) {
            throw new GitException("the index already holds staged changes to other paths: "
                    + String.join(", ", foreign) + "; commit or unstage them first (git restore --staged)");
        }
    }

    /** The files under {@code directory} at HEAD, by path (none before the first commit). */
    public SortedMap<String, String> atHead(String directory) {
        SortedMap<String, String> files = new TreeMap<>();
        try (Git git = open(root); RevWalk walk = new RevWalk(git.getRepository());
             TreeWalk tree = new TreeWalk(git.getRepository())) {
            ObjectId head = git.getRepository().resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                return files;
            }
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(directory));
            while (tree.next()) {
                byte[] bytes = git.getRepository().open(tree.getObjectId(0)).getBytes();
                files.put(tree.getPathString(), new String(bytes, StandardCharsets.UTF_8));
            }
            return files;
        } catch (IOException e) {
            throw new GitException("git: " + e.getMessage());
        }
    }

    /**
     * Stages {@code files} (each with the bytes regen wrote) and the removal of {@code removed}, checks that the
     * index holds exactly those and the inputs noted by {@link #prepare}, and commits, on the new branch when one
     * was named. No commit when the index equals HEAD. On any refusal the index is put back as it was.
     */
    public Result commit(Map<String, byte[]> files, Collection<String> removed, String message) {
        try (Git git = open(root)) {
            Repository repository = git.getRepository();
            checkInputsUnchanged(git, files.keySet());
            Path indexFile = repository.getIndexFile().toPath();
            byte[] index = Files.isRegularFile(indexFile) ? Files.readAllBytes(indexFile) : null;
            try {
                stage(git, files.keySet(), removed);
                checkIndex(repository, files, removed);
            } catch (GitAPIException | IOException | RuntimeException e) {
                restore(indexFile, index);
                throw e;
            }
            Status status = git.status().call();
            if (status.getAdded().isEmpty() && status.getChanged().isEmpty() && status.getRemoved().isEmpty()) {
                return new Result(null, repository.getBranch(), null);
            }
            if (branch != null) {
                git.checkout().setCreateBranch(true).setName(branch).call();
            }
            PersonIdent now = new PersonIdent(identity.getName(), identity.getEmailAddress(), Instant.now(),
                    ZoneId.systemDefault());
            RevCommit commit = git.commit().setMessage(message).setAuthor(now).setCommitter(now).setAllowEmpty(false)
                    .call();
            return new Result(commit.getId().getName(), repository.getBranch(), message);
        } catch (GitAPIException | IOException e) {
            throw new GitException("git: " + e.getMessage());
        }
    }

    /**
     * An environment spec, images file or file of an overlay's own component: what regen reads (and, but for a new
     * environment's images file it seeds, never writes).
     */
    static boolean isInput(String path) {
        if (RepoLayout.environmentOfSpec(path) != null || RepoLayout.environmentOfImagesFile(path) != null) {
            return true;
        }
        String[] parts = path.split("/");
        return parts.length > 3 && parts[0].equals(RepoLayout.OVERLAYS) && parts[2].equals(RepoLayout.LOCAL);
    }

    private static List<String> unstagedInputs(Status status) {
        List<String> paths = new ArrayList<>();
        status.getModified().stream().filter(RegenCommit::isInput).forEach(path -> paths.add(path + " (edited, not"
                + " staged)"));
        status.getMissing().stream().filter(RegenCommit::isInput).forEach(path -> paths.add(path + " (deleted, not"
                + " staged)"));
        status.getUntracked().stream().filter(RegenCommit::isInput).forEach(path -> paths.add(path + " (new, not"
                + " added)"));
        paths.sort(null);
        return paths;
    }

    private static SortedMap<String, ObjectId> inputsInIndex(Repository repository) throws IOException {
        SortedMap<String, ObjectId> inputs = new TreeMap<>();
        DirCache index = repository.readDirCache();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry entry = index.getEntry(i);
            if (isInput(entry.getPathString())) {
                inputs.put(entry.getPathString() + "#" + entry.getStage(), entry.getObjectId());
            }
        }
        return inputs;
    }

    /**
     * The inputs are still staged as they are on disk, and as they were when regen read them; those regen wrote
     * itself ({@code written}: the images file it seeded for a new environment) are staged with its files.
     */
    private void checkInputsUnchanged(Git git, Collection<String> written) throws GitAPIException, IOException {
        List<String> unstaged = unstagedInputs(git.status().addPath(RepoLayout.OVERLAYS).call()).stream()
                .filter(path -> !written.contains(path.substring(0, path.indexOf(" (")))).toList();
        if (!unstaged.isEmpty() || !inputsInIndex(git.getRepository()).equals(inputs)) {
            throw new GitException("the specs changed while regen ran (" + (unstaged.isEmpty() ? "in the index"
                    : String.join(", ", unstaged)) + "); nothing was committed: run regen --commit again");
        }
    }

    private static void stage(Git git, Collection<String> files, Collection<String> removed)
            throws GitAPIException {
        if (!files.isEmpty()) {
            var add = git.add();
            new TreeSet<>(files).forEach(add::addFilepattern);
            add.call();
        }
        if (!removed.isEmpty()) {
            var rm = git.rm().setCached(true);
            new TreeSet<>(removed).forEach(rm::addFilepattern);
            rm.call();
        }
    }

    /** The index holds each file with exactly the bytes regen wrote, and none of the removed ones. */
    private static void checkIndex(Repository repository, Map<String, byte[]> files, Collection<String> removed)
            throws IOException {
        DirCache index = repository.readDirCache();
        List<String> wrong = new ArrayList<>();
        try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                DirCacheEntry entry = index.getEntry(file.getKey());
                if (entry == null) {
                    wrong.add(file.getKey() + " (not staged: is it ignored by .gitignore?)");
                } else if (!entry.getObjectId().equals(formatter.idFor(Constants.OBJ_BLOB, file.getValue()))) {
                    wrong.add(file.getKey() + " (staged with other content: a Git filter or attribute?)");
                }
            }
        }
        new TreeSet<>(removed).stream().filter(path -> index.getEntry(path) != null)
                .forEach(path -> wrong.add(path + " (still in the index)"));
        if (!wrong.isEmpty()) {
            throw new GitException("the index would not hold what regen wrote, so the commit would fail regen"
                    + " --check:\n  " + String.join("\n  ", wrong) + "\nNothing was committed and the index is as"
                    + " it was; the regenerated files are on disk");
        }
    }

    private static void restore(Path indexFile, byte[] index) {
        try {
            if (index == null) {
                Files.deleteIfExists(indexFile);
            } else {
                Files.write(indexFile, index);
            }
        } catch (IOException e) {
            throw new GitException("git: could not restore the index (" + e.getMessage() + "): check git status");
        }
    }

    private static void checkBranch(Repository repository, String branch) throws IOException {
        String ref = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(ref) || branch.startsWith("-")) {
            throw new GitException("--branch '" + branch + "' is not a valid Git branch name (see git"
                    + " check-ref-format); nothing was written");
        }
        if (repository.findRef(ref) != null) {
            throw new GitException("branch '" + branch + "' already exists; name a new one; nothing was written");
        }
        if (repository.resolve(Constants.HEAD + "^{commit}") == null) {
            throw new GitException("--branch needs a commit to branch from, and this repository has none yet;"
                    + " nothing was written");
        }
    }

    private static Git open(Path root) throws IOException {
        try {
            return Git.open(root.toFile());
        } catch (RepositoryNotFoundException e) {
            throw new GitException(root + " is not a Git repository (or not the top of one); --commit needs one"
                    + " (git init)");
        }
    }

    private static PersonIdent identity(Repository repository, String author) {
        if (author != null) {
            Matcher matcher = AUTHOR.matcher(author);
            if (!matcher.matches()) {
                throw new GitException("--author must look like 'Name <email>', got '" + author + "'; nothing was"
                        + " written");
            }
            return new PersonIdent(matcher.group(1), matcher.group(2));
        }
        StoredConfig config = repository.getConfig();
        String name = config.getString("user", null, "name");
        String email = config.getString("user", null, "email");
        if (name == null || email == null) {
            throw new GitException("no author: set git config user.name and user.email, or pass --author"
                    + " 'Name <email>'; nothing was written");
        }
        return new PersonIdent(name, email);
    }
}
