package dev.codestory.gitops.spec;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.codestory.gitops.spec.Affinity.LabelSelector;
import dev.codestory.gitops.spec.Affinity.NodeSelectorRequirement;
import dev.codestory.gitops.spec.Affinity.NodeSelectorTerm;
import dev.codestory.gitops.spec.Affinity.PodAffinity;
import dev.codestory.gitops.spec.Affinity.PodAffinityTerm;

/**
 * Tolerations and affinities checked as the API server checks them (Kubernetes'
 * {@code pkg/apis/core/validation}: {@code ValidateTolerations}, {@code ValidateNodeSelectorRequirement},
 * {@code validateNodeFieldSelectorRequirement}, {@code ValidatePreferredSchedulingTerms},
 * {@code validatePodAffinityTerm}, {@code validateWeightedPodAffinityTerms}), so that a mistake stops regen
 * instead of a sync. One addition: a node selector term with no requirement at all is refused, since it matches
 * no node.
 */
final class SchedulingRules {

    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private final BiConsumer<String, String> report;

    private SchedulingRules(BiConsumer<String, String> report) {
        this.report = report;
    }

    /** Checks a workload's tolerations and affinity under {@code path} ({@code api}, {@code celeryWorker}). */
    static void check(String path, List<EnvSpec.Toleration> tolerations, Affinity affinity,
                      BiConsumer<String, String> report) {
        SchedulingRules rules = new SchedulingRules(report);
        for (int i = 0; i < tolerations.size(); i++) {
            rules.toleration(path + ".tolerations[" + i + "]", tolerations.get(i));
        }
        if (affinity != null) {
            rules.affinity(path + ".affinity", affinity);
        }
    }

    private void toleration(String path, EnvSpec.Toleration toleration) {
        String key = orEmpty(toleration.key());
        String operator = orEmpty(toleration.operator());
        String value = orEmpty(toleration.value());
        String effect = orEmpty(toleration.effect());
        if (!key.isEmpty()) {
            qualifiedName(path + ".key", key);
        } else if (!operator.equals("Exists")) {
            report.accept(path + ".operator", "must be Exists when key is empty (which means: every taint)");
        }
        switch (operator) {
            case "", "Equal" -> {
                if (!KubernetesNames.isLabelValue(value)) {
                    report.accept(path + ".value", "'" + value + "' is not a valid label value");
                }
            }
            case "Exists" -> {
                if (!value.isEmpty()) {
                    report.accept(path + ".value", "must be empty when operator is Exists");
                }
            }
            default -> report.accept(path + ".operator", "'" + operator + "' is not an operator; one of [Equal,"
                    + " Exists]");
        }
        if (!effect.isEmpty() && !EFFECTS.contains(effect)) {
            report.accept(path + ".effect", "'" + effect + "' is not a taint effect; one of " + EFFECTS
                    + " (or none: every effect)");
        }
        if (toleration.tolerationSeconds() != null && !effect.equals("NoExecute")) {
            report.accept(path + ".tolerationSeconds", "only means something with effect NoExecute");
        }
    }

    private void affinity(String path, Affinity affinity) {
        Affinity.NodeAffinity node = affinity.nodeAffinity();
        if (node != null) {
            String nodePath = path + ".nodeAffinity";
            if (node.requiredDuringSchedulingIgnoredDuringExecution() != null) {
                String required = nodePath + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
                List<NodeSelectorTerm> terms = node.requiredDuringSchedulingIgnoredDuringExecution().nodeSelectorTerms();
                if (terms.isEmpty()) {
                    report.accept(required, "must have at least one node selector term");
                }
                for (int i = 0; i < terms.size(); i++) {
                    nodeSelectorTerm(required + "[" + i + "]", terms.get(i));
                }
            }
            var preferred = orEmpty(node.preferredDuringSchedulingIgnoredDuringExecution());
            for (int i = 0; i < preferred.size(); i++) {
                String termPath = nodePath + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
                weight(termPath + ".weight", preferred.get(i).weight());
                nodeSelectorTerm(termPath + ".preference", preferred.get(i).preference());
            }
        }
        podAffinity(path + ".podAffinity", affinity.podAffinity());
        podAffinity(path + ".podAntiAffinity", affinity.podAntiAffinity());
    }

    private void nodeSelectorTerm(String path, NodeSelectorTerm term) {
        List<NodeSelectorRequirement> expressions = orEmpty(term.matchExpressions());
        List<NodeSelectorRequirement> fields = orEmpty(term.matchFields());
        if (expressions.isEmpty() && fields.isEmpty()) {
            report.accept(path, "a term without matchExpressions or matchFields matches no node");
        }
        for (int i = 0; i < expressions.size(); i++) {
            nodeRequirement(path + ".matchExpressions[" + i + "]", expressions.get(i));
        }
        for (int i = 0; i < fields.size(); i++) {
            String fieldPath = path + ".matchFields[" + i + "]";
            NodeSelectorRequirement field = fields.get(i);
            if (!field.key().equals("metadata.name")) {
                report.accept(fieldPath + ".key", "'" + field.key() + "' is not a node field selector; only"
                        + " metadata.name is");
            }
            List<String> values = orEmpty(field.values());
            if (field.operator() != Affinity.NodeOperator.In && field.operator() != Affinity.NodeOperator.NotIn) {
                report.accept(fieldPath + ".operator", "a node field selector takes In or NotIn");
            } else if (values.size() != 1) {
                report.accept(fieldPath + ".values", "a node field selector takes exactly one value");
            }
            for (int j = 0; j < values.size(); j++) {
                dnsSubdomain(fieldPath + ".values[" + j + "]", values.get(j));
            }
        }
    }

    private void nodeRequirement(String path, NodeSelectorRequirement requirement) {
        qualifiedName(path + ".key", requirement.key());
        List<String> values = orEmpty(requirement.values());
        switch (requirement.operator()) {
            case In, NotIn -> {
                if (values.isEmpty()) {
                    report.accept(path + ".values", "must name at least one value with operator In or NotIn");
                }
                labelValues(path + ".values", values);
            }
            case Exists, DoesNotExist -> {
                if (!values.isEmpty()) {
                    report.accept(path + ".values", "must be empty with operator Exists or DoesNotExist");
                }
            }
            case Gt, Lt -> {
                if (values.size() != 1 || !values.get(0).matches("[-+]?[0-9]{1,18}")) {
                    report.accept(path + ".values", "must be exactly one integer with operator Gt or Lt");
                }
            }
        }
    }

    private void podAffinity(String path, PodAffinity affinity) {
        if (affinity == null) {
            return;
        }
        var required = orEmpty(affinity.requiredDuringSchedulingIgnoredDuringExecution());
        for (int i = 0; i < required.size(); i++) {
            podAffinityTerm(path + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]", required.get(i));
        }
        var preferred = orEmpty(affinity.preferredDuringSchedulingIgnoredDuringExecution());
        for (int i = 0; i < preferred.size(); i++) {
            String termPath = path + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
            weight(termPath + ".weight", preferred.get(i).weight());
            podAffinityTerm(termPath + ".podAffinityTerm", preferred.get(i).podAffinityTerm());
        }
    }

    private void podAffinityTerm(String path, PodAffinityTerm term) {
        if (term.topologyKey().isEmpty()) {
            report.accept(path + ".topologyKey", "must not be empty (e.g. kubernetes.io/hostname)");
        } else {
            qualifiedName(path + ".topologyKey", term.topologyKey());
        }
        labelSelector(path + ".labelSelector", term.labelSelector());
        labelSelector(path + ".namespaceSelector", term.namespaceSelector());
        List<String> namespaces = orEmpty(term.namespaces());
        for (int i = 0; i < namespaces.size(); i++) {
            String namespace = namespaces.get(i);
            if (namespace.length() > 63 || !KubernetesNames.DNS_LABEL.matcher(namespace).matches()) {
                report.accept(path + ".namespaces[" + i + "]", "'" + namespace + "' is not a namespace name");
            }
        }
        for (String list : List.of("matchLabelKeys", "mismatchLabelKeys")) {
            List<String> keys = orEmpty(list.equals("matchLabelKeys") ? term.matchLabelKeys() : term.mismatchLabelKeys());
            for (int i = 0; i < keys.size(); i++) {
                qualifiedName(path + "." + list + "[" + i + "]", keys.get(i));
            }
        }
    }

    private void labelSelector(String path, LabelSelector selector) {
        if (selector == null) {
            return;
        }
        Map<String, String> labels = selector.matchLabels() == null ? Map.of() : selector.matchLabels();
        labels.forEach((key, value) -> {
            qualifiedName(path + ".matchLabels." + key, key);
            if (!KubernetesNames.isLabelValue(value)) {
                report.accept(path + ".matchLabels." + key, "'" + value + "' is not a valid label value");
            }
        });
        var expressions = orEmpty(selector.matchExpressions());
        for (int i = 0; i < expressions.size(); i++) {
            String expressionPath = path + ".matchExpressions[" + i + "]";
            var expression = expressions.get(i);
            qualifiedName(expressionPath + ".key", expression.key());
            List<String> values = orEmpty(expression.values());
            boolean needsValues = expression.operator() == Affinity.LabelOperator.In
                    || expression.operator() == Affinity.LabelOperator.NotIn;
            if (needsValues && values.isEmpty()) {
                report.accept(expressionPath + ".values", "must name at least one value with operator In or NotIn");
            } else if (!needsValues && !values.isEmpty()) {
                report.accept(expressionPath + ".values", "must be empty with operator Exists or DoesNotExist");
            }
            labelValues(expressionPath + ".values", values);
        }
    }

    private void weight(String path, int weight) {
        if (weight < 1 || weight > 100) {
            report.accept(path, "must be between 1 and 100, got " + weight);
        }
    }

    private void labelValues(String path, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (!KubernetesNames.isLabelValue(values.get(i))) {
                report.accept(path + "[" + i + "]", "'" + values.get(i) + "' is not a valid label value");
            }
        }
    }

    private void qualifiedName(String path, String key) {
        if (!KubernetesNames.isQualifiedName(key)) {
            report.accept(path, "'" + key + "' is not a valid key ([prefix/]name, name at most 63 characters)");
        }
    }

    private void dnsSubdomain(String path, String value) {
        if (value.length() > 253 || !KubernetesNames.DNS_SUBDOMAIN.matcher(value).matches()) {
            report.accept(path, "'" + value + "' is not a node name (a DNS-1123 subdomain)");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
