package dev.codestory.gitops.plan;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A kustomization file, typed as kustomize itself types it ({@code api/types/kustomization.go}), limited to the
 * fields this tool emits. Deprecated fields (commonLabels, vars, patchesStrategicMerge, patchesJson6902, bases)
 * have no place here.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "namespace", "resources", "components", "labels", "images", "patches"})
public record Kustomization(
        String apiVersion,
        String kind,
        String namespace,
        List<String> resources,
        List<String> components,
        List<LabelSet> labels,
        List<ImageOverride> images,
        List<Patch> patches) {

    public static final String FILE = "kustomization.yaml";

    public static Kustomization of(String namespace, List<String> resources, List<String> components,
                                   List<LabelSet> labels, List<ImageOverride> images, List<Patch> patches) {
        return new Kustomization("kustomize.config.k8s.io/v1beta1", "Kustomization", namespace, resources,
                components, labels, images, patches);
    }

    public static Kustomization component(List<String> resources, List<Patch> patches) {
        return new Kustomization("kustomize.config.k8s.io/v1alpha1", "Component", null, resources, null, null,
                null, patches);
    }

    /** A Component holding only {@code images:}: an environment's image versions, shared by its units. */
    public static Kustomization images(List<ImageOverride> images) {
        return new Kustomization("kustomize.config.k8s.io/v1alpha1", "Component", null, null, null, null, images,
                null);
    }

    /** {@code labels:} entry; selectors are never touched. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"pairs", "includeSelectors", "includeTemplates"})
    public record LabelSet(Map<String, String> pairs, boolean includeSelectors, Boolean includeTemplates) {
    }

    /** {@code images:} entry: the version of one image, where image-automation tools write it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"name", "newName", "newTag", "digest"})
    public record ImageOverride(String name, String newName, String newTag, String digest) {
    }

    /** {@code patches:} entry: a strategic-merge patch file, which names its own target. */
    public record Patch(String path) {
    }
}
