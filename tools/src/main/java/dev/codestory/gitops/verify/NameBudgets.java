package dev.codestory.gitops.verify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static dev.codestory.gitops.spec.KubernetesNames.DNS_LABEL;
import static dev.codestory.gitops.spec.KubernetesNames.DNS_SUBDOMAIN;
import static dev.codestory.gitops.spec.KubernetesNames.LABEL_VALUE;
import dev.codestory.gitops.yaml.FieldPath;

/**
 * Names and labels that Kubernetes (or an operator deriving names from them) would refuse at apply time or
 * later: object names must be DNS-1123 labels within a per-kind budget, label keys and values must be valid.
 * The label rule is stricter than the API for some kinds (which allow dots); names here double as label values
 * and host names, so the stricter rule is the one that holds everywhere.
 */
final class NameBudgets {

    static final int LABEL = 63;

    /** Kinds whose names something else extends; the budget leaves room for what is added. */
    private static final Map<String, Budget> BUDGETS = Map.of(
            "ScaledObject", new Budget(54, "KEDA names the HPA it creates keda-hpa-<name>, which must fit in 63"),
            "CronJob", new Budget(52, "the Jobs it creates add 11 characters and must fit in 63"));

    private record Budget(int length, String why) {
    }

    private NameBudgets() {
    }

    static List<FieldProblem> check(JsonNode object) {
        List<FieldProblem> problems = new ArrayList<>();
        String kind = object.path("kind").asText();
        String name = object.path("metadata").path("name").asText("");
        Budget budget = BUDGETS.getOrDefault(kind, new Budget(LABEL, null));
        if (name.length() > budget.length()) {
            problems.add(new FieldProblem("metadata.name", "name is " + name.length() + " characters, over the budget"
                    + " of " + budget.length() + " for a " + kind + (budget.why() == null ? "" : " (" + budget.why()
                    + ")")));
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            problems.add(new FieldProblem("metadata.name", "'" + name + "' is not a DNS-1123 label (lower-case letters,"
                    + " digits and '-', starting and ending with a letter or digit)"));
        } else if (kind.equals("Service") && !Character.isLetter(name.charAt(0))) {
            problems.add(new FieldProblem("metadata.name", "a Service name must start with a letter (DNS-1035)"));
        }
        labels(object.path("metadata").path("labels"), "metadata.labels", problems);
        labels(object.path("spec").path("template").path("metadata").path("labels"),
                "spec.template.metadata.labels", problems);
        labels(object.path("spec").path("selector").path("matchLabels"), "spec.selector.matchLabels", problems);
        if (kind.equals("Service")) {
            labels(object.path("spec").path("selector"), "spec.selector", problems);
        }
        return problems;
    }

    private static void labels(JsonNode labels, String path, List<FieldProblem> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = labels.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> label = fields.next();
            String at = FieldPath.key(path, label.getKey());
            String key = label.getKey();
            String value = label.getValue().asText();
            int slash = key.indexOf('/');
            String prefix = slash < 0 ? "" : key.substring(0, slash);
            String keyName = slash < 0 ? key : key.substring(slash + 1);
            if (slash >= 0 && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
                problems.add(new FieldProblem(at, "label key prefix '" + prefix + "' is not a DNS subdomain of at most"
                        + " 253 characters"));
            }
            if (keyName.isEmpty() || keyName.length() > LABEL || !LABEL_VALUE.matcher(keyName).matches()) {
                problems.add(new FieldProblem(at, "label key name '" + keyName + "' is not 1 to 63 letters, digits,"
                        + " '-', '_' or '.'"));
            }
            if (value.length() > LABEL) {
                problems.add(new FieldProblem(at, "label value is " + value.length() + " characters, over 63"));
            } else if (!LABEL_VALUE.matcher(value).matches()) {
                problems.add(new FieldProblem(at, "label value '" + value + "' may hold only letters, digits, '-', '_'"
                        + " and '.', starting and ending with a letter or digit"));
            }
        }
    }
}
