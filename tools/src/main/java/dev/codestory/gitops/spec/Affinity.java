package dev.codestory.gitops.spec;

import java.util.List;
import java.util.Map;

/**
 * A pod's affinity, typed as Kubernetes' {@code core/v1} Affinity: the spec binder reports an unknown key, a
 * wrong type or a missing required field in place, and {@link SchedulingRules} checks the values as the API
 * server would. Every field may be left out; an affinity with nothing set is no affinity.
 */
@KubernetesStrings
public record Affinity(@Optional NodeAffinity nodeAffinity, @Optional PodAffinity podAffinity,
                       @Optional PodAffinity podAntiAffinity) {

    /** Whether nothing is set (also: not a bean property, so that it is not written out). */
    public boolean nothingSet() {
        return nodeAffinity == null && podAffinity == null && podAntiAffinity == null;
    }

    @KubernetesStrings
    public record NodeAffinity(@Optional NodeSelector requiredDuringSchedulingIgnoredDuringExecution,
                               @Optional List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution) {
    }

    @KubernetesStrings
    public record NodeSelector(List<NodeSelectorTerm> nodeSelectorTerms) {
    }

    @KubernetesStrings
    public record NodeSelectorTerm(@Optional List<NodeSelectorRequirement> matchExpressions,
                                   @Optional List<NodeSelectorRequirement> matchFields) {
    }

    @KubernetesStrings
    public record NodeSelectorRequirement(String key, NodeOperator operator, @Optional List<String> values) {
    }

    @KubernetesStrings
    public record PreferredSchedulingTerm(int weight, NodeSelectorTerm preference) {
    }

    /** Pod affinity and pod anti-affinity have the same shape. */
    @KubernetesStrings
    public record PodAffinity(@Optional List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
                              @Optional List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution) {
    }

    @KubernetesStrings
    public record PodAffinityTerm(@Optional LabelSelector labelSelector, @Optional LabelSelector namespaceSelector,
                                  @Optional List<String> namespaces, String topologyKey,
                                  @Optional List<String> matchLabelKeys, @Optional List<String> mismatchLabelKeys) {
    }

    @KubernetesStrings
    public record WeightedPodAffinityTerm(int weight, PodAffinityTerm podAffinityTerm) {
    }

    @KubernetesStrings
    public record LabelSelector(@Optional Map<String, String> matchLabels,
                                @Optional List<LabelSelectorRequirement> matchExpressions) {
    }

    @KubernetesStrings
    public record LabelSelectorRequirement(String key, LabelOperator operator, @Optional List<String> values) {
    }

    public enum NodeOperator implements SpecEnum {
        In, NotIn, Exists, DoesNotExist, Gt, Lt;

        @Override
        public String specValue() {
            return name();
        }
    }

    public enum LabelOperator implements SpecEnum {
        In, NotIn, Exists, DoesNotExist;

        @Override
        public String specValue() {
            return name();
        }
    }
}
