package dev.codestory.gitops.objects;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/** An environment's Namespace, labelled so the API server enforces Pod Security "restricted" in it. */
public final class Namespaces {

    private Namespaces() {
    }

    public static Namespace restricted(String name) {
        return new NamespaceBuilder().withNewMetadata()
                .withName(name)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/warn", "restricted")
                .endMetadata().build();
    }
}
