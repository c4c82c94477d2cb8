package dev.codestory.gitops.enrich;

import io.fabric8.kubernetes.api.model.KubernetesListBuilder;

/**
 * Adds one cross-cutting concern to every object it applies to, by visiting builders. Running an enricher twice
 * changes nothing.
 */
public interface Enricher {
    void enrich(KubernetesListBuilder resources);
}
