package dev.codestory.gitops.controllers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import dev.codestory.gitops.objects.Containers;
import dev.codestory.gitops.objects.ImageRef;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.objects.ResourceFactory;
import dev.codestory.gitops.objects.SecretKeys;

/**
 * The Alembic migration as a Job named after what it runs: {@code code-story-migrate-<hash of image and
 * command>}. A new release is a new Job (a Job's template is immutable); an unchanged release leaves it alone.
 * No timestamps, no generateName, no TTL (a TTL'd Job keeps a GitOps controller out of sync). Under Argo CD it
 * runs in sync wave -1; under Flux in its own Kustomization (see controllers.MigrationGate).
 */
public final class MigrationJob implements ResourceFactory {

    static final String COMPONENT = "migration";
    public static final String CONTAINER = "migrate";
    /** What every migration Job's name starts with, the hash of what it runs following. */
    public static final String STEM = Names.MIGRATE;

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        EnvSpec.Migration migration = spec.migration();
        boolean argo = spec.gitops().controller() == EnvSpec.Controller.ARGOCD;
        return List.of(new JobBuilder()
                .withNewMetadata().withName(name(spec)).addToLabels(Labels.COMPONENT, COMPONENT)
                .withAnnotations(argo ? java.util.Map.of("argocd.argoproj.io/sync-wave", "-1") : null).endMetadata()
                .withNewSpec()
                .withBackoffLimit(migration.backoffLimit())
                .withActiveDeadlineSeconds((long) migration.activeDeadlineSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.selector(COMPONENT))
                .addToAnnotations("kubectl.kubernetes.io/default-container", "migrate").endMetadata()
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

    /** Whether a generated or built object is the migration Job, whatever release it runs. */
    public static boolean isMigrationJob(JsonNode object) {
        return object.path("kind").asText().equals("Job")
                && object.path("metadata").path("name").asText().startsWith(STEM + "-");
    }

    /** The Job's name for this spec: stable while the image and command stay the same. */
    public static String name(EnvSpec spec) {
        String identity = ImageRef.of(spec, spec.api().image()) + "\n" + String.join("\n", spec.migration().command());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return STEM + "-" + HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
