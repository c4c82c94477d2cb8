package dev.codestory.gitops.controllers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.yaml.Checksums;
import dev.codestory.gitops.yaml.YamlRenderer;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import dev.codestory.gitops.objects.Containers;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.objects.ResourceFactory;
import dev.codestory.gitops.objects.SecretKeys;

/**
 * The Alembic migration: one Job with a stable name, {@code code-story-migrate}, that its controller deletes and
 * creates again whenever it changes, also when a bot changed only the image in {@code images:} and nobody ran
 * regen. Under Argo CD it is a {@code Sync} hook with {@code BeforeHookCreation} in a wave after the datastores
 * and before the app: every sync that runs hooks runs it again. Under Flux it carries
 * {@code kustomize.toolkit.fluxcd.io/force: enabled}: kustomize-controller recreates it when an update is refused
 * because its template is immutable, and leaves an unchanged Job alone. No timestamps, no generateName, no TTL (a
 * Job that vanishes is created again by Flux, and the name never changes). The pod template carries
 * {@code migration.attempt}, so a changed attempt reruns a failed migration from Git alone.
 */
public final class MigrationJob implements ResourceFactory {

    static final String COMPONENT = "migration";
    public static final String CONTAINER = "migrate";
    /** The Job's name, the same in every release. */
    public static final String NAME = Names.MIGRATE;
    /** The pod template's annotation holding {@code migration.attempt}. */
    public static final String ATTEMPT = "codestory.dev/migration-attempt";
    /** Under Argo CD, on the ConfigMap the Job reads: a checksum of the Job's spec (see {@link #signal}). */
    public static final String CHECKSUM = "checksum/migration";

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        EnvSpec.Migration migration = spec.migration();
        return List.of(new JobBuilder()
                .withNewMetadata().withName(NAME).addToLabels(Labels.COMPONENT, COMPONENT)
                .withAnnotations(annotations(spec.gitops().controller())).endMetadata()
                .withNewSpec()
                .withBackoffLimit(migration.backoffLimit())
                .withActiveDeadlineSeconds((long) migration.activeDeadlineSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.selector(COMPONENT))
                .addToAnnotations("kubectl.kubernetes.io/default-container", CONTAINER)
                .addToAnnotations(ATTEMPT, Integer.toString(migration.attempt())).endMetadata()
                .withNewSpec()
                .withRestartPolicy("OnFailure")
                .addToContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(Containers.image(spec.api().image()))
                        .withImagePullPolicy(Containers.pullPolicy(environment, "api.image", spec.api().image()))
                        .withCommand(migration.command())
                        .withEnvFrom(Containers.config())
                        .withEnv(SecretKeys.DATABASE_URL.envVar())
                        .withResources(Containers.resources(migration.resources()))
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
    }

    /** What tells the controller to recreate the Job when it changes. */
    private static Map<String, String> annotations(EnvSpec.Controller controller) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (controller == EnvSpec.Controller.ARGOCD) {
            annotations.put(ControllerAnnotations.ARGO_HOOK, "Sync");
            annotations.put(ControllerAnnotations.ARGO_HOOK_DELETE_POLICY, "BeforeHookCreation");
            annotations.put(SyncWaves.ANNOTATION, SyncWaves.MIGRATION);
        } else {
            annotations.put(ControllerAnnotations.FLUX_FORCE, "enabled");
        }
        return annotations;
    }

    /**
     * Argo CD leaves hooks out of its comparison, so a change to the Job alone (its command, resources or attempt)
     * would leave the Application Synced until something else changes. Under Argo CD the ConfigMap the Job reads,
     * applied before it, carries a checksum of the Job's spec: such a change starts a sync, and the sync runs the
     * hook. A new image needs no checksum: it changes the Deployments too.
     */
    public static List<HasMetadata> signal(EnvSpec spec, List<HasMetadata> objects) {
        if (spec.gitops().controller() != EnvSpec.Controller.ARGOCD) {
            return objects;
        }
        HasMetadata job = objects.stream().filter(o -> o.getKind().equals("Job") && o.getMetadata().getName()
                .equals(NAME)).findFirst().orElseThrow();
        YamlRenderer yaml = YamlRenderer.instance();
        String checksum = Checksums.sha256(yaml.render("", yaml.toTree(job).path("spec")));
        objects.stream().filter(o -> o.getKind().equals("ConfigMap") && o.getMetadata().getName().equals(Names.CONFIG))
                .forEach(config -> SyncWaves.annotate(config, CHECKSUM, checksum));
        return objects;
    }

    /** Whether a generated or built object is the migration Job. */
    public static boolean isMigrationJob(JsonNode object) {
        return object.path("kind").asText().equals("Job") && object.path("metadata").path("name").asText()
                .equals(NAME);
    }
}
