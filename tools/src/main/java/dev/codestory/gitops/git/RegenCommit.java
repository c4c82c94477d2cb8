package dev.codestory.gitops.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FS;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * Commits what regen owns, and nothing else: the generated files (written or removed), the golden files and
 * the lock file, plus environment specs the user already staged, so a spec change and its output land
 * together. No commit when nothing changed; refuses when other paths are staged.
 */
public final class RegenCommit {

    private static final Pattern AUTHOR = Pattern.compile("\\s*(.+?)\\s*<([^>]+)>\\s*");

    /** The outcome: the commit made (null when nothing changed) and on which branch. */
    public record Result(String commitId, String branch, String message) {
    }

    private final Path root;

    public RegenCommit(Path root) {
        this.root = root;
        FS.FileStoreAttributes.setBackground(true);
    }

    /** Checks before regen writes anything: a repository, an identity, a clean index outside owned paths. */
    public PersonIdent precheck(String author, String branch, Collection<String> owned) {
        try (Git git = open()) {
            PersonIdent identity = identity(git.getRepository(), author);
            Status status = git.status().call();
            Set<String> staged = new TreeSet<>();
            staged.addAll(status.getAdded());
            staged.addAll(status.getChanged());
            staged.addAll(status.getRemoved());
            List<String> foreign = staged.stream()
                    .filter(path -> !owned.contains(path) && RepoLayout.environmentOfSpec(path) == null).toList();
            if (!foreign.isEmpty()) {
                throw new GitException("the index already holds staged changes to other paths: "
                        + String.join(", ", foreign) + "; commit or unstage them first (git restore --staged)");
            }
            if (branch != null && git.getRepository().findRef("refs/heads/" + branch) != null) {
                throw new GitException("branch '" + branch + "' already exists; name a new one");
            }
            return identity;
        } catch (GitAPIException | IOException e) {
            throw new GitException("git: " + e.getMessage());
        }
    }

    /** Stages {@code paths} (present or deleted) and commits them, on a new branch when {@code branch} is set. */
    public Result commit(Collection<String> paths, PersonIdent identity, String branch, String message) {
        try (Git git = open()) {
            List<String> present = new ArrayList<>();
            List<String> gone = new ArrayList<>();
            for (String path : new TreeSet<>(paths)) {
                (root.resolve(path).toFile().exists() ? present : gone).add(path);
            }
            if (!present.isEmpty()) {
                var add = git.add();
                present.forEach(add::addFilepattern);
                add.call();
            }
            if (!gone.isEmpty()) {
                var rm = git.rm().setCached(true);
                gone.forEach(rm::addFilepattern);
                rm.call();
            }
            Status status = git.status().call();
            if (status.getAdded().isEmpty() && status.getChanged().isEmpty() && status.getRemoved().isEmpty()) {
                return new Result(null, git.getRepository().getBranch(), null);
            }
            if (branch != null) {
                git.checkout().setCreateBranch(true).setName(branch).call();
            }
            PersonIdent now = new PersonIdent(identity.getName(), identity.getEmailAddress(), Instant.now(),
                    ZoneId.systemDefault());
            RevCommit commit = git.commit().setMessage(message).setAuthor(now).setCommitter(now).setAllowEmpty(false)
                    .call();
            return new Result(commit.getId().getName(), git.getRepository().getBranch(), message);
        } catch (GitAPIException | IOException e) {
            throw new GitException("git: " + e.getMessage());
        }
    }

    private Git open() throws IOException {
        try {
            return Git.open(root.toFile());
        } catch (RepositoryNotFoundException e) {
            throw new GitException(root + " is not a Git repository; --commit needs one (git init)");
        }
    }

    private static PersonIdent identity(Repository repository, String author) {
        if (author != null) {
            Matcher matcher = AUTHOR.matcher(author);
            if (!matcher.matches()) {
                throw new GitException("--author must look like 'Name <email>', got '" + author + "'");
            }
            return new PersonIdent(matcher.group(1), matcher.group(2));
        }
        StoredConfig config = repository.getConfig();
        String name = config.getString("user", null, "name");
        String email = config.getString("user", null, "email");
        if (name == null || email == null) {
            throw new GitException("no author: set git config user.name and user.email, or pass --author"
                    + " 'Name <email>'");
        }
        return new PersonIdent(name, email);
    }
}
