package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Placed;
import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Problem;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.spec.EnvSpec.Controller;

/**
 * One writer per shared store, across every cluster of the environment: at most one Celery beat replica per
 * database and per broker (each beat sends every periodic task, so two send it twice), and at most one migration
 * Job per database (two {@code alembic upgrade head} at once race on the same schema). A store is known by the
 * coordinates in the app's ConfigMaps ({@code code-story-database}, {@code code-story-redis}): a host that is a
 * Service in the namespace (a bundled store) is that cluster's own; any other host is shared by every cluster that
 * names it. Beat and the migration are known by their component label. And a cluster that shares a migrated
 * database without migrating it waits for the migration before its app ({@link #waits}).
 */
final class SingleWriters {

    static final String BEAT = "celery-beat";
    static final String MIGRATION = "migration";

    /** A beat or migration, the cluster it runs on (as its units name it) and how many replicas. */
    private record Writer(Placed object, String cluster, int count) {
    }

    private SingleWriters() {
    }

    static void check(Map<String, List<SyncUnit>> clusters, Map<String, Map<String, JsonNode>> builds,
                      List<Problem> problems) {
        Map<String, List<Writer>> beatsByDatabase = new TreeMap<>();
        Map<String, List<Writer>> beatsByBroker = new TreeMap<>();
        Map<String, List<Writer>> migrationsByDatabase = new TreeMap<>();
        List<Readers> readers = new ArrayList<>();
        clusters.forEach((id, units) -> {
            String cluster = units.get(0).controller() == Controller.FLUX
                    ? "cluster " + id : String.join(" and ", units.stream().map(SyncUnit::describe).toList());
            List<Placed> placed = Lifecycle.placed(units, builds);
            String database = store(cluster, placed, "code-story-database", "DATABASE_HOST", "DATABASE_PORT",
                    "DATABASE_NAME");
            String broker = store(cluster, placed, "code-story-redis", "REDIS_HOST", "REDIS_PORT", null);
            for (Placed object : placed) {
                String kind = object.object().path("kind").asText();
                String component = object.object().path("metadata").path("labels").path(Labels.COMPONENT).asText();
                if (component.equals(BEAT) && (kind.equals("Deployment") || kind.equals("StatefulSet"))) {
                    Writer beat = new Writer(object, cluster, object.object().path("spec").path("replicas").asInt(1));
                    add(beatsByDatabase, database, beat);
                    add(beatsByBroker, broker, beat);
                } else if (component.equals(MIGRATION) && kind.equals("Job")
                        && ControllerRules.phase(object.object()) >= 0) {
                    add(migrationsByDatabase, database, new Writer(object, cluster, 1));
                }
            }
            readers.add(new Readers(cluster, database, units, placed));
        });
        waits(readers, migrationsByDatabase, problems);
        List<String> reported = new ArrayList<>();
        beatsByDatabase.forEach((store, beats) -> report(beats, "Celery beat replicas", "share the database at "
                + store + ": every periodic task is sent once per replica", reported, problems));
        beatsByBroker.forEach((store, beats) -> report(beats, "Celery beat replicas", "share the broker at " + store
                + ": every periodic task is sent once per replica", reported, problems));
        migrationsByDatabase.forEach((store, jobs) -> report(jobs, "migrations", "run against the database at "
                + store + " at once", reported, problems));
    }

    /** A cluster's view of the environment: the database it names, its units and what they apply. */
    private record Readers(String cluster, String database, List<SyncUnit> units, List<Placed> placed) {
    }

    /**
     * A cluster that shares a migrated database but runs no migration rolls a release out at once, onto a schema
     * the release may not have yet (and keeps it there if the migration fails): its Deployments must come after a
     * Job that waits for the migration ({@code migration-wait}). Argo CD: the Job a hook in an earlier phase, or the
     * same phase and an earlier wave; Flux: the Job in a unit the Deployments' unit depends on.
     */
    private static void waits(List<Readers> readers, Map<String, List<Writer>> migrationsByDatabase,
                              List<Problem> problems) {
        for (Readers reader : readers) {
            List<Writer> migrations = reader.database() == null ? null : migrationsByDatabase.get(reader.database());
            if (migrations == null
                    || migrations.stream().anyMatch(writer -> writer.cluster().equals(reader.cluster()))) {
                continue;
            }
            List<Placed> waits = reader.placed().stream().filter(object -> object.object().path("kind").asText()
                    .equals("Job") && object.object().path("metadata").path("labels").path(Labels.COMPONENT).asText()
                    .equals(Names.MIGRATION_WAIT_COMPONENT)).toList();
            reader.placed().stream().filter(object -> object.object().path("kind").asText().equals("Deployment"))
                    .filter(deployment -> waits.stream().noneMatch(wait -> before(wait, deployment, reader.units())))
                    .findFirst().ifPresent(deployment -> problems.add(new Problem(deployment.key(),
                            deployment.resource(), "", "on " + reader.cluster() + ", it rolls a release out without"
                            + " waiting for the migration on " + migrations.get(0).cluster() + " (they share the"
                            + " database at " + reader.database() + "): new code on the old schema; run a Job that"
                            + " waits for it (code-story-migration-wait) before the app")));
        }
    }

    /** Whether the controller finishes {@code wait} before it applies {@code deployment}. */
    private static boolean before(Placed wait, Placed deployment, List<SyncUnit> units) {
        if (wait.unit().controller() == Controller.FLUX) {
            return Lifecycle.dependsOn(deployment.unit(), wait.unit(), units);
        }
        int waitPhase = ControllerRules.phase(wait.object());
        int appPhase = ControllerRules.phase(deployment.object());
        return wait.unit().name().equals(deployment.unit().name()) && ControllerRules.isHook(wait.object())
                && waitPhase >= 0 && (waitPhase < appPhase || waitPhase == appPhase
                && ControllerRules.wave(wait.object()) < ControllerRules.wave(deployment.object()));
    }

    private static void add(Map<String, List<Writer>> byStore, String store, Writer writer) {
        if (store != null) {
            byStore.computeIfAbsent(store, s -> new ArrayList<>()).add(writer);
        }
    }

    private static void report(List<Writer> writers, String what, String why, List<String> reported,
                               List<Problem> problems) {
        int total = writers.stream().mapToInt(Writer::count).sum();
        if (total <= 1) {
            return;
        }
        List<String> where = writers.stream().map(Writer::cluster).distinct().toList();
        Placed first = writers.get(0).object();
        // a beat over two shared stores is one problem, reported for the database
        if (reported.contains(what + where)) {
            return;
        }
        reported.add(what + where);
        String clusters = where.size() == 1 ? "on one cluster (" + where.get(0) + ")" : "on " + where.size()
                + " clusters (" + String.join("; ", where) + ")";
        problems.add(new Problem(first.key(), first.resource(), first.object().path("kind").asText().equals("Job")
                ? "" : "spec.replicas", total + " " + what + " " + clusters + " " + why + "; one cluster runs them"
                + " (gitops.primaryCluster), the others none"));
    }

    /**
     * A store's identity from the ConfigMap that names it: {@code host:port[/name]}, prefixed with the cluster and
     * namespace when the host is a Service in the namespace; null when the cluster has no such ConfigMap.
     */
    private static String store(String cluster, List<Placed> placed, String configMap, String hostKey,
                                String portKey, String nameKey) {
        for (Placed object : placed) {
            JsonNode data = object.object().path("data");
            if (object.object().path("kind").asText().equals("ConfigMap")
                    && object.object().path("metadata").path("name").asText().equals(configMap)
                    && data.has(hostKey)) {
                String host = data.path(hostKey).asText();
                String coordinates = host + ":" + data.path(portKey).asText() + (nameKey == null ? ""
                        : "/" + data.path(nameKey).asText());
                boolean local = placed.stream().anyMatch(other -> other.object().path("kind").asText().equals("Service")
                        && other.object().path("metadata").path("name").asText().equals(host.split("\\.")[0])
                        && (host.indexOf('.') < 0 || host.contains(".svc")));
                return local ? coordinates + " (bundled, cluster " + cluster + ", namespace " + object.namespace()
                        + ")" : coordinates;
            }
        }
        return null;
    }
}
