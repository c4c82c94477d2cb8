package dev.codestory.gitops.analysis.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Placed;
import dev.codestory.gitops.controllers.ControllerAnnotations;
import dev.codestory.gitops.spec.EnvSpec.Controller;

/**
 * What the controller leaves in the cluster among the objects that leave Git. An object left out of a unit that
 * stays is pruned by its next sync, unless the unit does not prune or the object is excluded (Argo CD
 * {@code Prune=false}; Flux {@code kustomize.toolkit.fluxcd.io/prune: disabled}). An object of a unit that goes
 * away is deleted with it, unless the unit keeps what it applied (an Application without the resources
 * finalizer; a Kustomization with {@code deletionPolicy: Orphan}, or without prune) or the object is kept on
 * deletion (Argo CD {@code Delete=false}, docs user-guide/sync-options "No Resource Deletion"; Flux's
 * {@code prune: disabled}, which its garbage collection honours too). An object in several units is left only if
 * every one of them leaves it.
 */
final class Removals {

    private Removals() {
    }

    /** Per removed object's key, why it stays. */
    static Map<String, String> kept(List<Placed> before, Set<String> stillBuilt, List<SyncUnit> units) {
        Set<String> remaining = new TreeSet<>();
        units.forEach(unit -> remaining.add(unit.name()));
        Map<String, String> kept = new LinkedHashMap<>();
        Set<String> pruned = new TreeSet<>();
        for (Placed object : before) {
            if (stillBuilt.contains(object.key())) {
                continue;
            }
            String why = keptBecause(object, remaining.contains(object.unit().name()));
            if (why == null) {
                pruned.add(object.key());
            } else {
                kept.putIfAbsent(object.key(), why);
            }
        }
        kept.keySet().removeAll(pruned);
        return kept;
    }

    /**
     * Why the controller leaves {@code placed} in the cluster once it is gone from its unit's build
     * ({@code unitStays}) or its unit is gone too; null when it deletes it. Transitions and ownership ask the same.
     */
    static String keptBecause(Placed placed, boolean unitStays) {
        SyncUnit unit = placed.unit();
        JsonNode object = placed.object();
        boolean flux = unit.controller() == Controller.FLUX;
        if (flux && ControllerRules.fluxMarked(object, ControllerAnnotations.FLUX_PRUNE, "disabled")) {
            return ControllerAnnotations.FLUX_PRUNE + ": disabled";
        }
        if (unitStays) {
            if (!flux && ControllerRules.syncOptions(object).contains("prune=false")) {
                return "the sync option Prune=false";
            }
            return unit.prune() ? null : unit.describe() + " does not prune";
        }
        if (!flux && ControllerRules.syncOptions(object).contains("delete=false")) {
            return "the sync option Delete=false";
        }
        return unit.keepsOnDeletion() ? unit.describe() + ", removed, leaves what it applied (deletion protection)"
                : null;
    }
}
