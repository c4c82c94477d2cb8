package dev.codestory.gitops.workspace;

/** A reason regen refuses to go on (a hand edit in the way, a file it does not own). Nothing was written. */
public class RegenException extends RuntimeException {
    public RegenException(String message) {
        super(message);
    }
}
