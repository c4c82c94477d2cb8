package dev.codestory.gitops.objects;

import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;

/** Custom resources (KEDA, Prometheus Operator, External Secrets) as generic objects with a typed header. */
final class CustomResources {

    private CustomResources() {
    }

    static GenericKubernetesResource of(String apiVersion, String kind, String name, String component,
                                        Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata().withName(name).addToLabels(Labels.COMPONENT, component).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
