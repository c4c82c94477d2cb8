package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Placed;
import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Problem;
import dev.codestory.gitops.controllers.ControllerAnnotations;
import dev.codestory.gitops.spec.EnvSpec.Controller;
import dev.codestory.gitops.yaml.FieldChange;
import dev.codestory.gitops.yaml.FieldDiff;

/**
 * The change from one revision to the next on one cluster, object by object (by kind, namespace and name: a
 * renamed object is a new one, and the old one is pruned):
 * <ul>
 * <li>An update the API server refuses ({@link ImmutableFields}) fails the sync unless the controller deletes and
 * recreates the object: under Argo CD a hook with {@code BeforeHookCreation} (the default policy; gitops-engine
 * {@code hook/delete_policy.go}, {@code sync_task.go}) or the sync option {@code Force=true}
 * ({@code sync_context.go applyObject}); under Flux {@code kustomize.toolkit.fluxcd.io/force: enabled} on the object
 * or {@code spec.force} on the Kustomization (fluxcd/pkg {@code ssa/manager_apply.go shouldForceApply}).</li>
 * <li>An object that moves from one unit to another is deleted by the old one if it prunes before the new one has
 * taken it over: Flux deletes what left a Kustomization's inventory while its live owner labels still name that
 * Kustomization ({@code ssa/manager_delete.go}), and nothing orders two Kustomizations (Flux FAQ, "How can I safely
 * move resources from one dir to another?"), unless the old one depends on the new one (it then reconciles the
 * revision only after the new one has applied it, kustomize-controller {@code checkDependencies}). Safe too: the
 * object is excluded from pruning in the old revision, or the old unit did not prune (or, removed, orphaned). When
 * the old unit is removed, Argo CD's finalizer deletes what it applied but what has {@code Delete=false}
 * ({@code Prune=false} is for a sync: docs user-guide/sync-options, "No Resource Deletion").</li>
 * <li>Under Argo CD, hooks are left out of the comparison (gitops-engine {@code reconcile.go splitHooks}): a change
 * confined to hooks leaves the Application Synced, and automated sync starts only when it is OutOfSync (docs:
 * user-guide/auto_sync), so the change waits for an unrelated one.</li>
 * </ul>
 */
final class Transitions {

    private Transitions() {
    }

    static void check(List<SyncUnit> baseUnits, List<Placed> before, List<SyncUnit> units, List<Placed> after,
                      List<Problem> problems) {
        Map<String, Placed> old = index(before);
        for (Placed now : after) {
            Placed was = old.get(now.key());
            if (was == null) {
                continue;
            }
            List<FieldChange> changes = FieldDiff.between(was.object(), now.object());
            List<String> refused = ImmutableFields.reasons(now.object().path("kind").asText(), changes);
            if (!refused.isEmpty() && !recreated(was, now)) {
                problems.add(new Problem(now.key(), now.resource(), refused.get(0).split(" ")[0], String.join("; ",
                        refused) + " only if " + controller(now.unit()) + " is told to: " + marker(now.unit())
                        + "; otherwise the update is refused and the sync fails"));
            }
            if (!was.unit().name().equals(now.unit().name()) && !movedSafely(was, now, baseUnits, units)) {
                boolean removed = remaining(was.unit(), units) == null;
                problems.add(new Problem(now.key(), now.resource(), "", "moves from " + was.unit().describe() + " to "
                        + now.unit().describe() + ": " + was.unit().describe() + (removed
                        ? " is removed, and deleting it deletes what it applied" : " deletes it if it reconciles first")
                        + (now.object().path("kind").asText().equals("Namespace") ? ", and with it everything in it"
                        : "") + " (nothing orders the two); " + exclusion(was.unit(), removed)));
            }
        }
        hookOnlyChanges(before, after, problems);
    }

    /** Whether the controller deletes and creates the object again when an update is refused. */
    private static boolean recreated(Placed was, Placed now) {
        JsonNode object = now.object();
        if (now.unit().controller() == Controller.ARGOCD) {
            return ControllerRules.isHook(object) && ControllerRules.hookDeletePolicies(object)
                    .contains("BeforeHookCreation") || ControllerRules.syncOptions(object).contains("force=true");
        }
        return now.unit().forces() || ControllerRules.fluxMarked(object, ControllerAnnotations.FLUX_FORCE, "enabled")
                || ControllerRules.fluxMarked(was.object(), ControllerAnnotations.FLUX_FORCE, "enabled");
    }

    private static boolean movedSafely(Placed was, Placed now, List<SyncUnit> baseUnits, List<SyncUnit> units) {
        SyncUnit from = was.unit();
        SyncUnit stays = remaining(from, units);
        // what the old unit leaves in the cluster is safe; a removed unit leaves only that
        if (Removals.keptBecause(was, stays != null) != null) {
            return true;
        }
        if (stays == null) {
            return false;
        }
        SyncUnit target = baseUnits.stream().filter(unit -> unit.name().equals(now.unit().name())).findFirst()
                .orElse(null);
        return from.controller() == Controller.FLUX && target != null && Lifecycle.dependsOn(from, target, baseUnits)
                && Lifecycle.dependsOn(stays, now.unit(), units);
    }

    /** Per Application present on both sides: hooks changed, and nothing else. */
    private static void hookOnlyChanges(List<Placed> before, List<Placed> after, List<Problem> problems) {
        Map<String, List<Placed>> oldByUnit = byUnit(before);
        byUnit(after).forEach((unit, objects) -> {
            List<Placed> previous = oldByUnit.get(unit);
            if (previous == null || objects.get(0).unit().controller() != Controller.ARGOCD) {
                return;
            }
            Map<String, Placed> old = index(previous);
            Map<String, Placed> now = index(objects);
            List<Placed> hooks = new ArrayList<>();
            boolean others = false;
            for (Placed object : objects) {
                Placed was = old.get(object.key());
                boolean changed = was == null || !FieldDiff.between(was.object(), object.object()).isEmpty();
                boolean hook = ControllerRules.isHook(object.object()) && (was == null
                        || ControllerRules.isHook(was.object()));
                if (changed && hook) {
                    hooks.add(object);
                } else if (changed) {
                    others = true;
                }
            }
            others |= previous.stream().anyMatch(object -> !now.containsKey(object.key())
                    && !ControllerRules.isHook(object.object()));
            if (!others) {
                hooks.forEach(hook -> problems.add(new Problem(hook.key(), hook.resource(), "", "only hooks change"
                        + " in " + hook.unit().describe() + ": Argo CD leaves hooks out of its comparison, so the"
                        + " Application stays Synced and the change waits for another; change something it compares"
                        + " as well")));
            }
        });
    }

    private static String controller(SyncUnit unit) {
        return unit.controller() == Controller.ARGOCD ? "Argo CD" : "Flux";
    }

    private static String marker(SyncUnit unit) {
        return unit.controller() == Controller.ARGOCD
                ? "make it a hook with hook-delete-policy BeforeHookCreation, or give it the sync option Force=true"
                : "annotate it " + ControllerAnnotations.FLUX_FORCE + ": enabled";
    }

    /** What keeps the object through the move, set in a release before it. */
    private static String exclusion(SyncUnit unit, boolean removed) {
        if (unit.controller() == Controller.FLUX) {
            return "exclude it from pruning in a release before the move (" + ControllerAnnotations.FLUX_PRUNE
                    + ": disabled)";
        }
        return removed ? "keep it on deletion in a release before the move (the sync option Delete=false), or remove"
                + " the Application's resources finalizer first (gitops.deletionProtection)"
                : "exclude it from pruning in a release before the move (the sync option Prune=false)";
    }

    /** The unit of that name in the new revision, or null when it is removed. */
    private static SyncUnit remaining(SyncUnit unit, List<SyncUnit> units) {
        return units.stream().filter(other -> other.name().equals(unit.name())).findFirst().orElse(null);
    }

    private static Map<String, Placed> index(List<Placed> placed) {
        Map<String, Placed> byKey = new LinkedHashMap<>();
        placed.forEach(object -> byKey.putIfAbsent(object.key(), object));
        return byKey;
    }

    private static Map<String, List<Placed>> byUnit(List<Placed> placed) {
        Map<String, List<Placed>> byUnit = new LinkedHashMap<>();
        placed.forEach(object -> byUnit.computeIfAbsent(object.unit().name(), n -> new ArrayList<>()).add(object));
        return byUnit;
    }
}
