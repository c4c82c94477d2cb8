package dev.codestory.gitops.verify;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codestory.gitops.yaml.FieldPath;

/**
 * Pod Security Standards, "restricted" profile, for one pod spec: what the namespace's
 * {@code pod-security.kubernetes.io/enforce: restricted} label makes the API server refuse, found before a
 * rollout stalls on it. Covers host namespaces, host ports, volume types, privileged containers, privilege
 * escalation, capabilities, running as non-root (and not as UID 0) and the seccomp profile.
 */
final class PodSecurity {

    static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");
    private static final String WHY = " (Pod Security \"restricted\")";
    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> SECCOMP = Set.of("RuntimeDefault", "Localhost");

    private PodSecurity() {
    }

    /** {@code path} is where {@code pod} (a pod spec) sits in its object, e.g. {@code spec.template.spec}. */
    static void check(JsonNode pod, String path, List<FieldProblem> problems) {
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                problems.add(new FieldProblem(path + "." + host, "must not be true" + WHY));
            }
        }
        JsonNode volumes = pod.path("volumes");
        for (int i = 0; i < volumes.size(); i++) {
            String at = path + ".volumes" + FieldPath.item(volumes.get(i), i);
            volumes.get(i).fieldNames().forEachRemaining(type -> {
                if (!type.equals("name") && !VOLUME_TYPES.contains(type)) {
                    problems.add(new FieldProblem(at + "." + type, type + " volumes are not allowed" + WHY));
                }
            });
        }
        JsonNode podContext = pod.path("securityContext");
        boolean podNonRoot = podContext.path("runAsNonRoot").asBoolean(false);
        boolean podSeccomp = SECCOMP.contains(podContext.path("seccompProfile").path("type").asText());
        if (podContext.path("runAsUser").isNumber() && podContext.path("runAsUser").asLong() == 0) {
            problems.add(new FieldProblem(path + ".securityContext.runAsUser", "must not be 0 (root)" + WHY));
        }
        if (podContext.has("seccompProfile") && !podSeccomp) {
            problems.add(new FieldProblem(path + ".securityContext.seccompProfile.type", "must be RuntimeDefault or"
                    + " Localhost" + WHY));
        }
        for (String list : CONTAINER_LISTS) {
            JsonNode containers = pod.path(list);
            for (int i = 0; i < containers.size(); i++) {
                JsonNode container = containers.get(i);
                container(container, path + "." + list + FieldPath.item(container, i), podNonRoot, podSeccomp,
                        problems);
            }
        }
    }

    private static void container(JsonNode container, String path, boolean podNonRoot, boolean podSeccomp,
                                  List<FieldProblem> problems) {
        JsonNode context = container.path("securityContext");
        String at = path + ".securityContext";
        if (context.path("privileged").asBoolean(false)) {
            problems.add(new FieldProblem(at + ".privileged", "must not be true" + WHY));
        }
        if (!context.path("allowPrivilegeEscalation").isBoolean()
                || context.path("allowPrivilegeEscalation").asBoolean()) {
            problems.add(new FieldProblem(at + ".allowPrivilegeEscalation", "must be false" + WHY));
        }
        boolean dropsAll = false;
        for (JsonNode dropped : context.path("capabilities").path("drop")) {
            dropsAll |= dropped.asText().equals("ALL");
        }
        if (!dropsAll) {
            problems.add(new FieldProblem(at + ".capabilities.drop", "must include ALL" + WHY));
        }
        for (JsonNode added : context.path("capabilities").path("add")) {
            if (!added.asText().equals("NET_BIND_SERVICE")) {
                problems.add(new FieldProblem(at + ".capabilities.add", "may add only NET_BIND_SERVICE, not "
                        + added.asText() + WHY));
            }
        }
        JsonNode nonRoot = context.path("runAsNonRoot");
        if (nonRoot.isBoolean() ? !nonRoot.asBoolean() : !podNonRoot) {
            problems.add(new FieldProblem(at + ".runAsNonRoot", "must be true, here or on the pod" + WHY));
        }
        if (context.path("runAsUser").isNumber() && context.path("runAsUser").asLong() == 0) {
            problems.add(new FieldProblem(at + ".runAsUser", "must not be 0 (root)" + WHY));
        }
        JsonNode seccomp = context.path("seccompProfile").path("type");
        if (seccomp.isMissingNode() ? !podSeccomp : !SECCOMP.contains(seccomp.asText())) {
            problems.add(new FieldProblem(at + ".seccompProfile.type", "must be RuntimeDefault or Localhost, here"
                    + " or on the pod" + WHY));
        }
        JsonNode ports = container.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).path("hostPort").asInt(0) != 0) {
                problems.add(new FieldProblem(path + ".ports" + FieldPath.item(ports.get(i), i) + ".hostPort",
                        "host ports are not allowed" + WHY));
            }
        }
    }
}
