package dev.codestory.gitops.kustomize;

/**
 * The binary itself does not work as kustomize (it cannot be run, or it builds a unit into nothing): bad input of
 * the run, not a finding about the repository.
 */
public final class KustomizeUnusable extends KustomizeException {
    public KustomizeUnusable(String message) {
        super(message);
    }
}
