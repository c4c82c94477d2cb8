package dev.codestory.gitops.verify;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.SecretPatterns;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.yaml.FieldPath;

/**
 * The {@code policy} check, on one built overlay: Pod Security "restricted" for every pod template
 * ({@link PodSecurity}); readiness and liveness probes on every container of a Deployment or StatefulSet; cpu and
 * memory requests and limits and a read-only root file system on every container; no {@code latest} or
 * untagged image outside a development tier; names and labels within their budgets ({@link NameBudgets}); no
 * ServiceMonitor selecting on a label Argo CD's tracking rewrites; and no string anywhere that looks like a
 * secret value ({@link SecretPatterns}).
 */
public final class PolicyCheck {

    private static final Set<String> PROBED = Set.of("Deployment", "StatefulSet");
    /** Labels Argo CD sets to the Application's name on every object it tracks by label (default, then custom). */
    static final List<String> TRACKING_LABELS = List.of("app.kubernetes.io/instance", "argocd.argoproj.io/instance");
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?");

    private PolicyCheck() {
    }

    /** {@code unit} names what was built (the environment, or its migration unit). */
    public static List<Finding> check(String unit, Environment environment, Map<String, JsonNode> objects) {
        return check(unit, environment.spec().tier() == EnvSpec.Tier.DEVELOPMENT, objects);
    }

    /** {@code latestAllowed}: the environment's tier is development. */
    static List<Finding> check(String environment, boolean latestAllowed, Map<String, JsonNode> objects) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode object : objects.values()) {
            List<FieldProblem> problems = new ArrayList<>(NameBudgets.check(object));
            String podPath = podSpecPath(object);
            if (podPath != null) {
                JsonNode pod = at(object, podPath);
                PodSecurity.check(pod, podPath, problems);
                containers(object.path("kind").asText(), pod, podPath, latestAllowed, problems);
            }
            if (object.path("kind").asText().equals("ServiceMonitor")) {
                serviceMonitorSelector(object.path("spec").path("selector"), problems);
            }
            secrets(object, object, new ArrayList<>(), problems);
            String resource = FieldPath.resource(object);
            problems.forEach(p -> findings.add(new Finding(environment, resource, p.field(), p.problem(),
                    CheckId.POLICY)));
        }
        return findings;
    }

    /** Where an object keeps its pod spec, or null when it has none. */
    private static String podSpecPath(JsonNode object) {
        if (object.path("spec").path("template").path("spec").isObject()) {
            return "spec.template.spec";
        }
        return switch (object.path("kind").asText()) {
            case "CronJob" -> "spec.jobTemplate.spec.template.spec";
            case "Pod" -> "spec";
            default -> null;
        };
    }

    private static void containers(String kind, JsonNode pod, String podPath, boolean latestAllowed,
                                   List<FieldProblem> problems) {
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = pod.path(list);
            for (int i = 0; i < containers.size(); i++) {
                JsonNode container = containers.get(i);
                String path = podPath + "." + list + FieldPath.item(container, i);
                if (list.equals("containers") && PROBED.contains(kind)) {
                    for (String probe : List.of("readinessProbe", "livenessProbe")) {
                        if (!container.path(probe).isObject()) {
                            problems.add(new FieldProblem(path + "." + probe, "missing: every container of a " + kind
                                    + " needs readiness and liveness probes"));
                        }
                    }
                }
                resources(container.path("resources"), path + ".resources", problems);
                if (!container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(new FieldProblem(path + ".securityContext.readOnlyRootFilesystem", "must be true"
                            + " (write to a mounted emptyDir such as /tmp instead)"));
                }
                String tagProblem = tagProblem(container.path("image").asText(""));
                if (tagProblem != null && !latestAllowed) {
                    problems.add(new FieldProblem(path + ".image", tagProblem + "; only a development tier may run"
                            + " latest"));
                }
            }
        }
    }

    /**
     * Prometheus Operator matches a ServiceMonitor's selector against the Service's own labels, and under label
     * tracking Argo CD sets the tracking label on that Service to the Application's name: such a selector scrapes
     * nothing.
     */
    private static void serviceMonitorSelector(JsonNode selector, List<FieldProblem> problems) {
        List<String> keys = new ArrayList<>();
        selector.path("matchLabels").fieldNames().forEachRemaining(keys::add);
        selector.path("matchExpressions").forEach(expression -> keys.add(expression.path("key").asText()));
        for (String key : keys) {
            if (TRACKING_LABELS.contains(key)) {
                problems.add(new FieldProblem("spec.selector", "selects on " + key + ", which Argo CD's label"
                        + " tracking rewrites on the Service to the Application's name; select on labels no"
                        + " controller rewrites (app.kubernetes.io/name, app.kubernetes.io/component)"));
            }
        }
    }

    private static void resources(JsonNode resources, String path, List<FieldProblem> problems) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                JsonNode value = resources.path(bound).path(resource);
                String at = path + "." + bound + "." + resource;
                if (value.isMissingNode() || value.isNull()) {
                    problems.add(new FieldProblem(at, "missing: every container needs cpu and memory requests and"
                            + " limits"));
                } else if (!QUANTITY.matcher(value.asText()).matches()) {
                    problems.add(new FieldProblem(at, "'" + value.asText() + "' is not a quantity"));
                }
            }
        }
    }

    /** Why an image reference would run whatever {@code latest} is today, or null when it is pinned. */
    static String tagProblem(String image) {
        if (image.contains("@")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return "image '" + image + "' has no tag, which means latest";
        }
        return image.substring(colon + 1).equals("latest") ? "image '" + image + "' runs latest" : null;
    }

    /** The maps whose keys are free-form names: a key there may itself name, or be, a secret. */
    private static final Set<String> NAMED_MAPS = Set.of("labels", "annotations", "nodeSelector", "matchLabels");

    /**
     * Every string of the object, and every key of it: a value or a key that looks like a secret, and a key of a
     * label, annotation or node-selector map named like one. The path is only spelled out for a hit (most objects
     * have none).
     */
    private static void secrets(JsonNode object, JsonNode node, List<Object> at, List<FieldProblem> problems) {
        if (node.isObject()) {
            boolean named = !at.isEmpty() && at.get(at.size() - 1) instanceof String parent
                    && NAMED_MAPS.contains(parent);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (SecretPatterns.looksSecret(key) || (named && SecretPatterns.namesSecret(key))) {
                    problems.add(new FieldProblem(FieldPath.of(object, at), "a key here "
                            + (SecretPatterns.looksSecret(key) ? "looks like a secret value" : "is named like a secret")
                            + "; secrets never go in Git (see README, 'Secrets')"));
                    continue;
                }
                at.add(key);
                if (field.getValue().isTextual()) {
                    if (SecretPatterns.looksSecret(key, field.getValue().asText())) {
                        problems.add(new FieldProblem(FieldPath.of(object, at), "looks like a secret value; secrets"
                                + " never go in Git (see README, 'Secrets')"));
                    }
                } else {
                    secrets(object, field.getValue(), at, problems);
                }
                at.remove(at.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add(i);
                secrets(object, node.get(i), at, problems);
                at.remove(at.size() - 1);
            }
        } else if (node.isTextual() && SecretPatterns.looksSecret(node.asText())) {
            problems.add(new FieldProblem(FieldPath.of(object, at), "looks like a secret value; secrets never go in"
                    + " Git (see README, 'Secrets')"));
        }
    }

    private static JsonNode at(JsonNode object, String dotted) {
        JsonNode node = object;
        for (String key : dotted.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }
}
