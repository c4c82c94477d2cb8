package dev.codestory.gitops.controllers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.spec.EnvSpec;

/**
 * Under Flux, the migration runs in its own Kustomization ({@code overlays/<env>/migrate}) that the app's
 * Kustomization depends on. That unit must hold everything the Job needs on a first install (its namespace,
 * ServiceAccount, configuration, the Secret's ExternalSecret and a bundled database), or the app would wait
 * forever for a Job that cannot start. Under Argo CD everything stays in one overlay, ordered by sync waves.
 */
public final class MigrationGate {

    /** The objects of each unit: {@code migrate} is empty under Argo CD. */
    public record Split(List<JsonNode> migrate, List<JsonNode> app) {
    }

    private static final Set<String> FOR_THE_JOB = Set.of(
            "ServiceAccount/" + Names.APP, "ConfigMap/" + Names.CONFIG, "ExternalSecret/" + Names.SECRET,
            "StatefulSet/code-story-postgresql", "Service/code-story-postgresql", "ConfigMap/code-story-database");

    private MigrationGate() {
    }

    public static Split split(EnvSpec spec, List<JsonNode> objects) {
        if (spec.gitops().controller() != EnvSpec.Controller.FLUX) {
            return new Split(List.of(), objects);
        }
        List<JsonNode> migrate = new ArrayList<>();
        List<JsonNode> app = new ArrayList<>();
        for (JsonNode object : objects) {
            String id = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
            (MigrationJob.isMigrationJob(object) || FOR_THE_JOB.contains(id) ? migrate : app).add(object);
        }
        return new Split(migrate, app);
    }
}
