package dev.codestory.gitops.cli;

/** Bad input that is not a spec problem (a wrong directory, a missing binary): printed, exit code 2. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
