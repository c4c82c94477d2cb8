package dev.codestory.gitops.kustomize;

/** kustomize is missing or a build failed; the message says which and why. */
public class KustomizeException extends RuntimeException {
    public KustomizeException(String message) {
        super(message);
    }
}
