package dev.codestory.gitops.analysis;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codestory.gitops.yaml.RenderedObjects;

/**
 * Checks that the references inside one built overlay resolve: Services and PDBs select pods, named ports exist,
 * Ingress backends, ConfigMap and Secret keys, autoscaler targets, KEDA's credentials, ServiceMonitor
 * selectors and ports, and NetworkPolicy selectors that select real pods. Kustomize checks none of these.
 */
public final class References {

    /** One broken reference: {@code Kind/name field: problem}. */
    public record Finding(String resource, String field, String problem) {
        @Override
        public String toString() {
            return resource + " " + field + ": " + problem;
        }
    }

    private final Map<String, JsonNode> objects;
    private final List<Workload> workloads = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    /** A pod template and where it came from. */
    record Workload(String resource, JsonNode owner, JsonNode pod) {
        JsonNode labels() {
            return pod.path("metadata").path("labels");
        }

        List<JsonNode> containers() {
            List<JsonNode> containers = new ArrayList<>();
            pod.path("spec").path("containers").forEach(containers::add);
            return containers;
        }

        boolean hasPort(String name) {
            return containers().stream().anyMatch(c -> {
                for (JsonNode port : c.path("ports")) {
                    if (name.equals(port.path("name").asText()) || name.equals(port.path("containerPort").asText())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private References(Map<String, JsonNode> objects) {
        this.objects = objects;
        objects.forEach((key, object) -> {
            JsonNode template = object.path("spec").path("template");
            if (!template.isMissingNode() && template.has("spec")) {
                workloads.add(new Workload(id(object), object, template));
            }
        });
    }

    public static List<Finding> check(Map<String, JsonNode> objects) {
        References references = new References(objects);
        references.run();
        return references.findings;
    }

    private void run() {
        Map<String, String> autoscaled = new LinkedHashMap<>();
        for (JsonNode object : objects.values()) {
            String kind = object.path("kind").asText();
            switch (kind) {
                case "Service" -> service(object);
                case "Ingress" -> ingress(object);
                case "PodDisruptionBudget" -> selects(object, "spec.selector", object.path("spec").path("selector"));
                case "HorizontalPodAutoscaler", "ScaledObject" -> autoscaler(object, autoscaled);
                case "ServiceMonitor" -> serviceMonitor(object);
                case "NetworkPolicy" -> networkPolicy(object);
                default -> { }
            }
        }
        for (Workload workload : workloads) {
            podReferences(workload);
            if (autoscaled.containsKey(workload.resource()) && workload.owner().path("spec").has("replicas")) {
                findings.add(new Finding(workload.resource(), "spec.replicas", "set while "
                        + autoscaled.get(workload.resource()) + " scales it; the controller and Git would fight"));
            }
        }
    }

    private void service(JsonNode service) {
        JsonNode selector = service.path("spec").path("selector");
        List<Workload> selected = workloads.stream().filter(w -> matches(selector, w.labels())).toList();
        if (selected.isEmpty()) {
            findings.add(new Finding(id(service), "spec.selector", "selects no pod"));
            return;
        }
        for (JsonNode port : service.path("spec").path("ports")) {
            String target = port.path("targetPort").asText(port.path("port").asText());
            if (selected.stream().noneMatch(w -> w.hasPort(target))) {
                findings.add(new Finding(id(service), "spec.ports[" + port.path("name").asText() + "].targetPort",
                        "no selected pod has a port '" + target + "'"));
            }
        }
    }

    private void ingress(JsonNode ingress) {
        for (JsonNode backend : ingress.findValues("service")) {
            String name = backend.path("name").asText();
            JsonNode service = objects.get(key("Service", namespace(ingress), name));
            if (service == null) {
                findings.add(new Finding(id(ingress), "backend.service.name", "no Service '" + name + "'"));
                continue;
            }
            String port = backend.path("port").path("name").asText(backend.path("port").path("number").asText());
            boolean found = false;
            for (JsonNode servicePort : service.path("spec").path("ports")) {
                found |= port.equals(servicePort.path("name").asText()) || port.equals(servicePort.path("port").asText());
            }
            if (!found) {
                findings.add(new Finding(id(ingress), "backend.service.port", "Service '" + name + "' has no port '"
                        + port + "'"));
            }
        }
    }

    private void autoscaler(JsonNode scaler, Map<String, String> autoscaled) {
        JsonNode ref = scaler.path("spec").path("scaleTargetRef");
        String target = key(ref.path("kind").asText("Deployment"), namespace(scaler), ref.path("name").asText());
        Workload workload = workloads.stream().filter(w -> key(w.owner()).equals(target)).findFirst().orElse(null);
        if (workload == null) {
            findings.add(new Finding(id(scaler), "spec.scaleTargetRef", "no " + ref.path("kind").asText("Deployment")
                    + " '" + ref.path("name").asText() + "'"));
            return;
        }
        String previous = autoscaled.putIfAbsent(workload.resource(), id(scaler));
        if (previous != null) {
            findings.add(new Finding(id(scaler), "spec.scaleTargetRef", workload.resource() + " is already scaled by "
                    + previous + "; one autoscaler per workload"));
        }
        for (JsonNode trigger : scaler.path("spec").path("triggers")) {
            Iterator<Map.Entry<String, JsonNode>> fields = trigger.path("metadata").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().endsWith("FromEnv") && !hasEnv(workload, field.getValue().asText())) {
                    findings.add(new Finding(id(scaler), "spec.triggers.metadata." + field.getKey(), workload.resource()
                            + " has no environment variable '" + field.getValue().asText() + "'"));
                }
            }
        }
    }

    private void serviceMonitor(JsonNode monitor) {
        JsonNode selector = monitor.path("spec").path("selector");
        List<JsonNode> services = objects.values().stream()
                .filter(o -> o.path("kind").asText().equals("Service") && namespace(o).equals(namespace(monitor))
                        && matches(selector, o.path("metadata").path("labels"))).toList();
        if (services.isEmpty()) {
            findings.add(new Finding(id(monitor), "spec.selector", "selects no Service"));
            return;
        }
        for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
            String port = endpoint.path("port").asText();
            boolean named = services.stream().anyMatch(s -> {
                for (JsonNode p : s.path("spec").path("ports")) {
                    if (port.equals(p.path("name").asText())) {
                        return true;
                    }
                }
                return false;
            });
            if (!named) {
                findings.add(new Finding(id(monitor), "spec.endpoints.port", "no selected Service has a port named '"
                        + port + "'"));
            }
        }
    }

    private void networkPolicy(JsonNode policy) {
        JsonNode selector = policy.path("spec").path("podSelector");
        if (!isEmpty(selector)) {
            selects(policy, "spec.podSelector", selector);
        }
        List<Workload> own = workloads.stream().filter(w -> matches(selector, w.labels())).toList();
        for (String direction : List.of("ingress", "egress")) {
            String peers = direction.equals("ingress") ? "from" : "to";
            for (JsonNode rule : policy.path("spec").path(direction)) {
                List<Workload> peerPods = new ArrayList<>();
                boolean external = false;
                for (JsonNode peer : rule.path(peers)) {
                    if (peer.has("podSelector") && !peer.has("namespaceSelector")) {
                        List<Workload> matched = workloads.stream()
                                .filter(w -> matches(peer.path("podSelector"), w.labels())).toList();
                        if (matched.isEmpty()) {
                            findings.add(new Finding(id(policy), "spec." + direction + "." + peers + ".podSelector",
                                    "selects no pod"));
                        }
                        peerPods.addAll(matched);
                    } else {
                        external = true;
                    }
                }
                List<Workload> portOwners = direction.equals("ingress") ? own : peerPods;
                if (direction.equals("egress") && external) {
                    continue;
                }
                for (JsonNode port : rule.path("ports")) {
                    String name = port.path("port").asText();
                    if (!name.matches("[0-9]+") && !portOwners.isEmpty()
                            && portOwners.stream().noneMatch(w -> w.hasPort(name))) {
                        findings.add(new Finding(id(policy), "spec." + direction + ".ports", "no pod it applies to"
                                + " has a port named '" + name + "'"));
                    }
                }
            }
        }
    }

    private void podReferences(Workload workload) {
        JsonNode spec = workload.pod().path("spec");
        String namespace = namespace(workload.owner());
        String account = spec.path("serviceAccountName").asText("");
        if (!account.isEmpty() && objects.values().stream().anyMatch(o -> o.path("kind").asText()
                .equals("ServiceAccount")) && !objects.containsKey(key("ServiceAccount", namespace, account))) {
            findings.add(new Finding(workload.resource(), "spec.template.spec.serviceAccountName", "no ServiceAccount '"
                    + account + "'"));
        }
        Map<String, Set<String>> secretKeys = secretKeys(namespace);
        for (JsonNode container : workload.containers()) {
            String at = "containers[" + container.path("name").asText() + "]";
            for (JsonNode source : container.path("envFrom")) {
                String name = source.path("configMapRef").path("name").asText("");
                if (!name.isEmpty() && !objects.containsKey(key("ConfigMap", namespace, name))) {
                    findings.add(new Finding(workload.resource(), at + ".envFrom", "no ConfigMap '" + name + "'"));
                }
            }
            for (JsonNode env : container.path("env")) {
                JsonNode configRef = env.path("valueFrom").path("configMapKeyRef");
                if (!configRef.isMissingNode()) {
                    JsonNode map = objects.get(key("ConfigMap", namespace, configRef.path("name").asText()));
                    if (map == null || !map.path("data").has(configRef.path("key").asText())) {
                        findings.add(new Finding(workload.resource(), at + ".env[" + env.path("name").asText() + "]",
                                "no key '" + configRef.path("key").asText() + "' in ConfigMap '"
                                        + configRef.path("name").asText() + "'"));
                    }
                }
                JsonNode secretRef = env.path("valueFrom").path("secretKeyRef");
                Set<String> keys = secretKeys.get(secretRef.path("name").asText());
                if (!secretRef.isMissingNode() && keys != null && !keys.contains(secretRef.path("key").asText())) {
                    findings.add(new Finding(workload.resource(), at + ".env[" + env.path("name").asText() + "]",
                            "Secret '" + secretRef.path("name").asText() + "' (from its ExternalSecret) has no key '"
                                    + secretRef.path("key").asText() + "'"));
                }
            }
        }
    }

    /** Keys of the Secrets this overlay provides through ExternalSecrets (other Secrets are out of band). */
    private Map<String, Set<String>> secretKeys(String namespace) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (JsonNode object : objects.values()) {
            if (object.path("kind").asText().equals("ExternalSecret") && namespace(object).equals(namespace)) {
                Set<String> keys = new TreeSet<>();
                object.path("spec").path("data").forEach(entry -> keys.add(entry.path("secretKey").asText()));
                secrets.put(object.path("spec").path("target").path("name").asText(object.path("metadata")
                        .path("name").asText()), keys);
            }
        }
        return secrets;
    }

    private void selects(JsonNode object, String field, JsonNode selector) {
        if (workloads.stream().noneMatch(w -> namespace(w.owner()).equals(namespace(object))
                && matches(selector, w.labels()))) {
            findings.add(new Finding(id(object), field, "selects no pod"));
        }
    }

    private static boolean hasEnv(Workload workload, String name) {
        return workload.containers().stream().anyMatch(c -> {
            for (JsonNode env : c.path("env")) {
                if (name.equals(env.path("name").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A label selector (matchLabels and matchExpressions, or a plain map as in a Service) against labels. */
    public static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        JsonNode matchLabels = selector.has("matchLabels") || selector.has("matchExpressions")
                ? selector.path("matchLabels") : selector;
        Iterator<Map.Entry<String, JsonNode>> fields = matchLabels.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().asText().equals(labels.path(field.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            Set<String> values = new TreeSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(JsonNode selector) {
        return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
    }

    static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    private static String key(JsonNode object) {
        return RenderedObjects.key(object);
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
