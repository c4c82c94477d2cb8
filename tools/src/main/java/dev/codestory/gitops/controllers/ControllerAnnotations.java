package dev.codestory.gitops.controllers;

/**
 * The annotations through which Argo CD and Flux are told how to treat an object: written by the generator
 * ({@link MigrationJob}, {@link MigrationGate}, {@link SyncWaves}) and read by the lifecycle model.
 */
public final class ControllerAnnotations {

    public static final String ARGO_HOOK = "argocd.argoproj.io/hook";
    public static final String ARGO_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
    public static final String ARGO_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
    public static final String ARGO_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    /** Argo CD maps Helm's hook annotation onto its own phases. */
    public static final String HELM_HOOK = "helm.sh/hook";
    public static final String FLUX_FORCE = "kustomize.toolkit.fluxcd.io/force";
    public static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";

    private ControllerAnnotations() {
    }
}
