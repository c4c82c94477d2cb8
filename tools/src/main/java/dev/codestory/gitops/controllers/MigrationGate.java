package dev.codestory.gitops.controllers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.objects.Namespaces;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.Namespace;

/**
 * What runs before the app, and where. Under Flux, the migration runs in its own Kustomization
 * ({@code overlays/<env>/migrate}) that the app's Kustomization depends on. That unit must hold everything the
 * Job needs on a first install (its namespace, ServiceAccount, configuration, the Secret's ExternalSecret, the
 * network policies it runs under and a bundled database), or the app would wait forever for a Job that cannot
 * start. It holds what it held before this design, so an upgrade moves no object from one Kustomization to
 * another (the one losing it would prune it, and with a Namespace everything in it), and its Namespace is never
 * pruned, so removing that unit never takes the environment with it. Under Argo CD everything stays in one
 * overlay, ordered by sync waves ({@link SyncWaves}).
 *
 * <p>With several clusters sharing a store, only the primary runs the migration and Celery beat: the others sync
 * the same objects without them ({@link #onlyOnThePrimary}).
 */
public final class MigrationGate {

    /** The objects of each unit: {@code migrate} is empty under Argo CD. */
    public record Split(List<JsonNode> migrate, List<JsonNode> app) {
    }

    private static final Set<String> FOR_THE_JOB = Set.of(
            "ServiceAccount/" + Names.APP, "ConfigMap/" + Names.CONFIG, "ExternalSecret/" + Names.SECRET,
            "StatefulSet/code-story-postgresql", "Service/code-story-postgresql", "ConfigMap/code-story-database");
    private static final Set<String> ONCE_PER_STORE = Set.of("Job/" + MigrationJob.NAME,
            "Deployment/" + Names.CELERY_BEAT);

    private MigrationGate() {
    }

    public static Split split(EnvSpec spec, List<JsonNode> objects) {
        if (spec.gitops().controller() != EnvSpec.Controller.FLUX) {
            return new Split(List.of(), objects);
        }
        List<JsonNode> migrate = new ArrayList<>();
        List<JsonNode> app = new ArrayList<>();
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            boolean forTheJob = MigrationJob.isMigrationJob(object) || kind.equals("NetworkPolicy")
                    || FOR_THE_JOB.contains(kind + "/" + object.path("metadata").path("name").asText());
            (forTheJob ? migrate : app).add(object);
        }
        return new Split(migrate, app);
    }

    /**
     * The environment's Namespace, labelled for Pod Security "restricted", and never deleted by a controller:
     * neither removing the unit that applies it, nor renaming or removing the environment's Application or
     * Kustomizations, nor removing the environment deletes it and everything in it (a bundled database's volumes,
     * the hand-made Secret). Under Flux it is excluded from pruning (which also holds when a Kustomization is
     * deleted); under Argo CD it is in the first wave, with {@code Prune=false} (a sync) and {@code Delete=false}
     * (the Application's deletion: its finalizer).
     */
    public static Namespace namespace(Environment environment) {
        Namespace namespace = Namespaces.restricted(environment.namespace());
        if (environment.spec().gitops().controller() == EnvSpec.Controller.FLUX) {
            SyncWaves.annotate(namespace, ControllerAnnotations.FLUX_PRUNE, "disabled");
        } else {
            SyncWaves.annotate(namespace, SyncWaves.ANNOTATION, SyncWaves.PREREQUISITES);
            SyncWaves.annotate(namespace, ControllerAnnotations.ARGO_SYNC_OPTIONS, "Prune=false,Delete=false");
        }
        return namespace;
    }

    /** Whether an object runs once per shared store: the migration Job and Celery beat, on the primary only. */
    public static boolean onlyOnThePrimary(JsonNode object) {
        return ONCE_PER_STORE.contains(object.path("kind").asText() + "/"
                + object.path("metadata").path("name").asText());
    }
}
