package dev.codestory.gitops.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.controllers.MigrationGate;
import dev.codestory.gitops.controllers.MigrationJob;
import dev.codestory.gitops.controllers.MigrationWait;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.plan.Kustomization;
import dev.codestory.gitops.plan.Kustomization.LabelSet;
import dev.codestory.gitops.plan.OverlayPlanner;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.KubernetesNames;
import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * {@code overlays/<env>/}: the environment's namespace, the difference between its objects and base plus its
 * components (patches, deletions and added resources), and its labels; under Flux the migration unit
 * {@code overlays/<env>/migrate/}; when some cluster is not the primary, {@code overlays/<env>.secondary/}. Each
 * unit reads the versions from the environment's images Component ({@code images/}), which regen seeds for a new
 * environment and never writes again.
 */
final class OverlayFiles {

    private OverlayFiles() {
    }

    /** {@code composed}: base with the environment's components applied; {@code own}: its objects. */
    static GeneratedTree of(Environment environment, List<JsonNode> composed, List<JsonNode> own) {
        GeneratedTree tree = new GeneratedTree();
        MigrationGate.Split split = MigrationGate.split(environment.spec(), own);
        writeOverlay(tree, environment, composed, split.app(), split.migrate().isEmpty());
        if (!split.migrate().isEmpty()) {
            writeMigrate(tree, environment, split.migrate());
        }
        if (environment.images().seeded()) {
            tree.seed(RepoLayout.imagesFile(environment.name()), ImagesSeed.of(environment));
        }
        if (environment.spec().gitops().hasSecondaries()) {
            String secondary = RepoLayout.secondary(environment.name());
            writeWithoutThePrimarysOwn(tree, environment, secondary, "../", "", split.app());
            if (!split.migrate().isEmpty()) {
                writeWithoutThePrimarysOwn(tree, environment, secondary + "/" + RepoLayout.MIGRATE, "../../",
                        "/" + RepoLayout.MIGRATE, split.migrate());
            }
        }
        return tree;
    }

    /**
     * overlays/<env>.secondary/ (and under Flux its migrate/): what a cluster other than the primary syncs, the
     * primary's unit ({@code up}, the way from {@code dir} to overlays/, then the environment and {@code unit})
     * without the migration Job and Celery beat, which run once per shared store; where the unit held the
     * migration, its waiter ({@link MigrationWait}) takes its place, with the environment's images Component,
     * namespace and labels, as the unit's own objects have them.
     */
    private static void writeWithoutThePrimarysOwn(GeneratedTree tree, Environment environment, String dir,
                                                   String up, String unit, List<JsonNode> objects) {
        String primary = up + environment.name();
        DirectoryWriter writer = new DirectoryWriter(tree, dir, environment.specFile());
        OverlayPlanner.Plan plan = OverlayPlanner.plan(objects, objects.stream()
                .filter(object -> !MigrationGate.onlyOnThePrimary(object)).toList());
        Optional<JsonNode> migration = objects.stream().filter(MigrationJob::isMigrationJob).findFirst();
        if (migration.isEmpty()) {
            writer.kustomization(Kustomization.of(null, List.of(primary + unit), null, null, null,
                    writer.patches(plan)));
            return;
        }
        List<String> resources = new ArrayList<>(List.of(primary + unit));
        resources.addAll(writer.resources(List.of(MigrationWait.from(migration.get(),
                environment.spec().migration()))));
        writer.kustomization(Kustomization.of(environment.namespace(), resources,
                List.of(primary + "/" + RepoLayout.IMAGES),
                labels(environment), null, writer.patches(plan)));
    }

    private static void writeOverlay(GeneratedTree tree, Environment environment, List<JsonNode> composed,
                                     List<JsonNode> own, boolean withNamespace) {
        DirectoryWriter writer = new DirectoryWriter(tree, RepoLayout.overlay(environment.name()),
                environment.specFile());
        OverlayPlanner.Plan plan = OverlayPlanner.plan(composed, own);

        List<String> resources = new ArrayList<>();
        resources.add("../../" + RepoLayout.BASE);
        List<JsonNode> added = new ArrayList<>();
        if (withNamespace) {
            added.add(namespace(environment));
        }
        added.addAll(plan.added());
        resources.addAll(writer.resources(added));
        List<Kustomization.Patch> patches = writer.patches(plan);

        List<String> components = new ArrayList<>();
        environment.spec().orderedComponents()
                .forEach(component -> components.add("../../" + RepoLayout.component(component.directory())));
        if (environment.hasLocalComponent()) {
            components.add(RepoLayout.LOCAL);
        }
        components.add(RepoLayout.IMAGES);
        writer.kustomization(Kustomization.of(environment.namespace(), resources, components, labels(environment),
                null, patches));
    }

    /**
     * overlays/<env>/migrate/ (Flux): the migration Job and all it needs on a first install, as whole objects,
     * since this unit is synced on its own before the app.
     */
    private static void writeMigrate(GeneratedTree tree, Environment environment, List<JsonNode> objects) {
        DirectoryWriter writer = new DirectoryWriter(tree, RepoLayout.migrateUnit(environment.name()),
                environment.specFile());
        List<JsonNode> all = new ArrayList<>();
        all.add(namespace(environment));
        all.addAll(objects);
        writer.kustomization(Kustomization.of(environment.namespace(), writer.resources(all),
                List.of("../" + RepoLayout.IMAGES), labels(environment), null, null));
    }

    private static JsonNode namespace(Environment environment) {
        return YamlRenderer.instance().toTree(MigrationGate.namespace(environment));
    }

    /**
     * The spec's labels, and the version of the api's image (as the images file sets it) as
     * {@code app.kubernetes.io/version} when it is a label value.
     */
    private static List<LabelSet> labels(Environment environment) {
        Map<String, String> pairs = new TreeMap<>(environment.spec().labels());
        String tag = environment.images().of(environment.spec().api().image().repository()).tag();
        if (!tag.isEmpty() && KubernetesNames.isLabelValue(tag)) {
            pairs.put(Labels.VERSION, tag);
        }
        return List.of(new LabelSet(pairs, false, null));
    }
}
