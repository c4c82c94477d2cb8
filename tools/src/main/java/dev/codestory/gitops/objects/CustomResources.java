package dev.codestory.gitops.objects;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Custom resources (KEDA, Prometheus Operator, External Secrets) of the app, labelled with their component. */
final class CustomResources {

    private CustomResources() {
    }

    static CustomResource of(String apiVersion, String kind, String name, String component, Map<String, Object> spec) {
        return new CustomResource(apiVersion, kind,
                new ObjectMetaBuilder().withName(name).addToLabels(Labels.COMPONENT, component).build(), spec);
    }
}
