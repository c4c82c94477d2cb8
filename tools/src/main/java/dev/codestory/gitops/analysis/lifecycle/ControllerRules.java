package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.controllers.ControllerAnnotations;

/**
 * How Argo CD and Flux read the annotations of one object, as their sources do.
 *
 * <ul>
 * <li>Argo CD (gitops-engine, {@code pkg/sync}): a hook is an object with {@code argocd.argoproj.io/hook} (or a
 * Helm hook) that is not only {@code Skip} ({@code hook/hook.go}); its phases are those it names, every other
 * object is in {@code Sync} ({@code sync_phase.go}); phases run PreSync, Sync, PostSync, SyncFail
 * ({@code sync_tasks.go}); the wave is {@code argocd.argoproj.io/sync-wave}, 0 when absent
 * ({@code syncwaves/waves.go}); a hook without a delete policy gets {@code BeforeHookCreation}
 * ({@code hook/delete_policy.go}); sync options are a comma-separated, case-insensitive list.</li>
 * <li>Flux (fluxcd/pkg {@code ssa}): {@code kustomize.toolkit.fluxcd.io/force: enabled} and
 * {@code kustomize.toolkit.fluxcd.io/prune: disabled} count in labels or annotations ({@code AnyInMetadata}).</li>
 * </ul>
 */
final class ControllerRules {

    private static final List<String> PHASES = List.of("PreSync", "Sync", "PostSync", "SyncFail");

    private ControllerRules() {
    }

    static String annotation(JsonNode object, String key) {
        return object.path("metadata").path("annotations").path(key).asText("");
    }

    /** The hook types an object names (Argo CD's own annotation wins over Helm's). */
    static List<String> hookTypes(JsonNode object) {
        List<String> types = csv(annotation(object, ControllerAnnotations.ARGO_HOOK));
        if (types.isEmpty()) {
            for (String helm : csv(annotation(object, ControllerAnnotations.HELM_HOOK))) {
                types.add(switch (helm) {
                    case "pre-install", "pre-upgrade" -> "PreSync";
                    case "post-install", "post-upgrade" -> "PostSync";
                    default -> helm;
                });
            }
        }
        return types;
    }

    static boolean skipped(JsonNode object) {
        List<String> types = hookTypes(object);
        return types.size() == 1 && types.get(0).equals("Skip");
    }

    static boolean isHook(JsonNode object) {
        return !hookTypes(object).isEmpty() && !skipped(object);
    }

    /** The first phase an object is applied in: 0 PreSync, 1 Sync, 2 PostSync, 3 SyncFail; -1 when never. */
    static int phase(JsonNode object) {
        if (skipped(object)) {
            return -1;
        }
        if (!isHook(object)) {
            return 1;
        }
        int first = -1;
        for (String type : hookTypes(object)) {
            int index = PHASES.indexOf(type);
            if (index >= 0 && (first < 0 || index < first)) {
                first = index;
            }
        }
        return first;
    }

    static String phaseName(int phase) {
        return PHASES.get(phase);
    }

    static int wave(JsonNode object) {
        try {
            return Integer.parseInt(annotation(object, ControllerAnnotations.ARGO_SYNC_WAVE).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The delete policies of a hook; {@code BeforeHookCreation} when it names none. */
    static List<String> hookDeletePolicies(JsonNode object) {
        List<String> policies = csv(annotation(object, ControllerAnnotations.ARGO_HOOK_DELETE_POLICY));
        return policies.isEmpty() ? List.of("BeforeHookCreation") : policies;
    }

    /** Argo CD's sync options of an object, lower case without spaces ({@code force=true}). */
    static Set<String> syncOptions(JsonNode object) {
        Set<String> options = new TreeSet<>();
        csv(annotation(object, ControllerAnnotations.ARGO_SYNC_OPTIONS))
                .forEach(option -> options.add(option.toLowerCase(Locale.ROOT)));
        return options;
    }

    /** A Flux marker, in the labels or the annotations. */
    static boolean fluxMarked(JsonNode object, String key, String value) {
        JsonNode metadata = object.path("metadata");
        return value.equals(metadata.path("annotations").path(key).asText(null))
                || value.equals(metadata.path("labels").path(key).asText(null));
    }

    private static List<String> csv(String text) {
        List<String> values = new ArrayList<>();
        for (String value : text.split(",")) {
            if (!value.isBlank()) {
                values.add(value.replace(" ", ""));
            }
        }
        return values;
    }
}
