package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a pod cannot start without, read from the object that makes it: its namespace, ServiceAccount, the
 * ConfigMaps and Secrets it reads (unless marked optional) and pulls images with, and its claims. Without a
 * ServiceAccount the API server refuses the pod; without a ConfigMap or Secret its container does not start
 * ({@code CreateContainerConfigError}); without its claim it stays Pending.
 */
final class PodNeeds {

    /** One thing a pod needs, and where its object says so. */
    record Need(String kind, String name, String field) {
        String resource() {
            return kind + "/" + name;
        }
    }

    private PodNeeds() {
    }

    /** The pod template of an object and the path to it, or null when it makes no pods. */
    static JsonNode template(JsonNode object) {
        return switch (object.path("kind").asText()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> object.path("spec").path("template");
            case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template");
            case "Pod" -> object;
            default -> null;
        };
    }

    static String templatePath(JsonNode object) {
        return switch (object.path("kind").asText()) {
            case "CronJob" -> "spec.jobTemplate.spec.template";
            case "Pod" -> "";
            default -> "spec.template";
        };
    }

    /** The needs of an object's pods, each once (the first field that names it); none when it makes no pods. */
    static List<Need> of(JsonNode object) {
        JsonNode template = template(object);
        if (template == null) {
            return List.of();
        }
        Map<String, Need> needs = new LinkedHashMap<>();
        String namespace = object.path("metadata").path("namespace").asText("");
        if (!namespace.isEmpty()) {
            add(needs, "Namespace", namespace, "metadata.namespace");
        }
        String prefix = templatePath(object);
        String spec = (prefix.isEmpty() ? "" : prefix + ".") + "spec";
        JsonNode pod = template.path("spec");
        String account = pod.path("serviceAccountName").asText(pod.path("serviceAccount").asText(""));
        if (!account.isEmpty() && !account.equals("default")) {
            add(needs, "ServiceAccount", account, spec + ".serviceAccountName");
        }
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path(list)) {
                String at = spec + "." + list + "[" + container.path("name").asText() + "]";
                for (JsonNode source : container.path("envFrom")) {
                    reference(needs, "ConfigMap", source.path("configMapRef"), "name", at + ".envFrom");
                    reference(needs, "Secret", source.path("secretRef"), "name", at + ".envFrom");
                }
                for (JsonNode variable : container.path("env")) {
                    String field = at + ".env[" + variable.path("name").asText() + "]";
                    reference(needs, "ConfigMap", variable.path("valueFrom").path("configMapKeyRef"), "name", field);
                    reference(needs, "Secret", variable.path("valueFrom").path("secretKeyRef"), "name", field);
                }
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            String field = spec + ".volumes[" + volume.path("name").asText() + "]";
            reference(needs, "ConfigMap", volume.path("configMap"), "name", field);
            reference(needs, "Secret", volume.path("secret"), "secretName", field);
            for (JsonNode source : volume.path("projected").path("sources")) {
                reference(needs, "ConfigMap", source.path("configMap"), "name", field);
                reference(needs, "Secret", source.path("secret"), "name", field);
            }
            String claim = volume.path("persistentVolumeClaim").path("claimName").asText("");
            if (!claim.isEmpty()) {
                add(needs, "PersistentVolumeClaim", claim, field);
            }
        }
        for (JsonNode pullSecret : pod.path("imagePullSecrets")) {
            reference(needs, "Secret", pullSecret, "name", spec + ".imagePullSecrets");
        }
        return new ArrayList<>(needs.values());
    }

    private static void reference(Map<String, Need> needs, String kind, JsonNode reference, String nameField,
                                  String field) {
        String name = reference.path(nameField).asText("");
        if (!name.isEmpty() && !reference.path("optional").asBoolean(false)) {
            add(needs, kind, name, field);
        }
    }

    private static void add(Map<String, Need> needs, String kind, String name, String field) {
        needs.putIfAbsent(kind + "/" + name, new Need(kind, name, field));
    }
}
