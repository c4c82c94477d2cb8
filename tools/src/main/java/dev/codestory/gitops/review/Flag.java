package dev.codestory.gitops.review;

/**
 * Something a reviewer must not miss about a resource's change: it is recreated, it goes away, it leaves Git but
 * stays in the cluster, or the controller cannot carry the change out safely (what {@code verify --base} reports
 * as a lifecycle finding).
 */
public record Flag(Type type, String reason) {

    public enum Type {
        RECREATE, PRUNED, KEPT, UNSAFE
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

    /** Removed from Git, and left in the cluster by its controller. */
    static Flag kept(String because) {
        return new Flag(Type.KEPT, "left in the cluster: " + because);
    }

    /** An Argo CD Application or Flux Kustomization that goes away: what happens to what it deployed. */
    static Flag removedDeployment(boolean keepsWhatItApplied) {
        return keepsWhatItApplied
                ? new Flag(Type.KEPT, "deleting it leaves what it deployed running (deletion protection)")
                : new Flag(Type.PRUNED, "deleting it deletes what it deployed (all but what is kept on deletion)");
    }

    @Override
    public String toString() {
        return type + ": " + reason;
    }
}
