package dev.codestory.gitops.analysis.lifecycle;

import java.util.List;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Placed;
import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Problem;
import dev.codestory.gitops.controllers.ControllerAnnotations;
import dev.codestory.gitops.spec.EnvSpec.Controller;

/**
 * What removing one unit deletes, on one cluster. Deleting an Application with Argo CD's cascade finalizer
 * deletes what it applied, except objects with the sync option {@code Delete=false} (docs: user-guide/app_deletion,
 * sync-options); deleting a Kustomization deletes what its inventory holds unless its {@code deletionPolicy} (or
 * {@code MirrorPrune} without prune) orphans it, and never an object whose live metadata says
 * {@code kustomize.toolkit.fluxcd.io/prune: disabled} (fluxcd/pkg {@code ssa/manager_delete.go}).
 *
 * <ul>
 * <li>A Namespace one unit would delete while another unit has objects in it: deleting a Namespace deletes
 * everything in it (kubernetes.io, tasks/administer-cluster/namespaces), the other unit's objects and every
 * volume claim included.</li>
 * <li>A PersistentVolumeClaim one unit would delete while another's pods mount it; a StatefulSet whose claims go
 * with it ({@code persistentVolumeClaimRetentionPolicy.whenDeleted: Delete}) beside other units.</li>
 * <li>Deletion protection in the spec holds for every unit of the environment.</li>
 * </ul>
 */
final class Ownership {

    private Ownership() {
    }

    static void check(List<SyncUnit> units, List<Placed> placed, boolean deletionProtection,
                      List<Problem> problems) {
        for (SyncUnit unit : units) {
            if (deletionProtection && !unit.keepsOnDeletion()) {
                problems.add(new Problem(null, unit.describe(), unit.controller() == Controller.ARGOCD
                        ? "metadata.finalizers" : "spec.deletionPolicy", "the spec asks for deletion protection, but"
                        + " deleting it deletes everything it applied"));
            }
            if (unit.keepsOnDeletion()) {
                continue;
            }
            for (Placed object : placed) {
                if (!object.unit().equals(unit) || Removals.keptBecause(object, false) != null) {
                    continue;
                }
                String kind = object.object().path("kind").asText();
                String name = object.object().path("metadata").path("name").asText();
                if (kind.equals("Namespace")) {
                    placed.stream().filter(other -> !other.unit().equals(unit) && other.namespace().equals(name))
                            .map(Placed::unit).findFirst().ifPresent(other -> problems.add(new Problem(object.key(),
                                    object.resource(), "", "removing " + unit.describe() + " deletes it and everything"
                                    + " in it, what " + other.describe() + " applied and every volume included; "
                                    + protection(unit))));
                } else if (kind.equals("PersistentVolumeClaim")) {
                    placed.stream().filter(other -> !other.unit().equals(unit)
                                    && other.namespace().equals(object.namespace())
                                    && PodNeeds.of(other.object()).stream().anyMatch(need -> need.kind().equals(kind)
                                    && need.name().equals(name)))
                            .findFirst().ifPresent(other -> problems.add(new Problem(object.key(), object.resource(),
                                    "", "removing " + unit.describe() + " deletes this volume, which "
                                    + other.resource() + " of " + other.unit().describe() + " mounts; "
                                    + protection(unit))));
                } else if (kind.equals("StatefulSet") && units.size() > 1 && "Delete".equals(object.object()
                        .path("spec").path("persistentVolumeClaimRetentionPolicy").path("whenDeleted").asText())) {
                    problems.add(new Problem(object.key(), object.resource(),
                            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", "removing " + unit.describe()
                            + " deletes this StatefulSet's volumes while the environment's other units still run"));
                }
            }
        }
    }

    private static String protection(SyncUnit unit) {
        return unit.controller() == Controller.FLUX ? "annotate it " + ControllerAnnotations.FLUX_PRUNE + ": disabled"
                : "give it the sync option Delete=false";
    }
}
