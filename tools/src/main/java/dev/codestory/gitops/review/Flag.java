package dev.codestory.gitops.review;

/**
 * Something a reviewer must not miss about a resource's change: it is recreated, it goes away, or the controller
 * cannot carry the change out safely (what {@code verify --base} reports as a lifecycle finding).
 */
public record Flag(Type type, String reason) {

    public enum Type {
        RECREATE, PRUNED, UNSAFE
    }

    static Flag unsafe(String reason) {
        return new Flag(Type.UNSAFE, reason);
    }

    static Flag recreate(String reason) {
        return new Flag(Type.RECREATE, reason);
    }

    static Flag pruned() {
        return new Flag(Type.PRUNED, "will be pruned by the GitOps controller");
    }

    /** An Argo CD Application or Flux Kustomization that goes away takes what it deployed with it. */
    static Flag removedDeployment() {
        return new Flag(Type.PRUNED, "deleting it deletes everything it deployed, unless its deletion protection"
                + " keeps the environment");
    }

    @Override
    public String toString() {
        return type + ": " + reason;
    }
}
