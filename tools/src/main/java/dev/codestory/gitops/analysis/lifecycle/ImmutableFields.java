package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.yaml.FieldChange;

/**
 * Changes the API server refuses as updates (immutable fields): the object must be deleted and created again,
 * which a GitOps controller does only when told to, and which interrupts what the object runs. One reason per
 * field that forces it.
 */
public final class ImmutableFields {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");
    private static final String EXTERNAL_NAME = "ExternalName";

    private ImmutableFields() {
    }

    public static List<String> reasons(String kind, List<FieldChange> changes) {
        List<String> reasons = new ArrayList<>();
        for (FieldChange change : changes) {
            String reason = reason(kind, change);
            if (reason != null && !reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        return reasons;
    }

    private static String reason(String kind, FieldChange change) {
        if (WORKLOADS.contains(kind) && change.isUnder("spec", "selector")) {
            return immutable(kind, "spec.selector");
        }
        switch (kind) {
            case "StatefulSet" -> {
                for (String field : List.of("volumeClaimTemplates", "serviceName", "podManagementPolicy")) {
                    if (change.isUnder("spec", field)) {
                        return immutable(kind, "spec." + field);
                    }
                }
            }
            case "Job" -> {
                if (change.isUnder("spec", "template")) {
                    return immutable(kind, "spec.template");
                }
            }
            case "Service" -> {
                if (change.isUnder("spec", "clusterIP") || change.isUnder("spec", "clusterIPs")) {
                    return immutable(kind, "spec.clusterIP");
                }
                if (change.isUnder("spec", "type") && (isExternalName(change.before())
                        || isExternalName(change.after()))) {
                    return "spec.type changes " + (isExternalName(change.after()) ? "to" : "from")
                            + " ExternalName: the Service is deleted and recreated";
                }
            }
            case "PersistentVolumeClaim" -> {
                if (change.isUnder("spec", "storageClassName")) {
                    return immutable(kind, "spec.storageClassName") + " (a new, empty volume)";
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private static boolean isExternalName(JsonNode value) {
        return value != null && EXTERNAL_NAME.equals(value.asText());
    }

    private static String immutable(String kind, String field) {
        return field + " is immutable: the " + kind + " is deleted and recreated";
    }
}
