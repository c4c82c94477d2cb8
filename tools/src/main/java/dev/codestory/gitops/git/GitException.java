package dev.codestory.gitops.git;

/** A Git problem the user can fix (no repository, no identity, foreign staged changes): exit code 2. */
public class GitException extends RuntimeException {
    public GitException(String message) {
        super(message);
    }
}
