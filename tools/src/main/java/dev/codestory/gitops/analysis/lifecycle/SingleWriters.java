package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Placed;
import dev.codestory.gitops.analysis.lifecycle.Lifecycle.Problem;
import dev.codestory.gitops.spec.EnvSpec.Controller;

/**
 * One writer per shared store, across every cluster of the environment: at most one Celery beat replica per
 * database and per broker (each beat sends every periodic task, so two send it twice), and at most one migration
 * Job per database (two {@code alembic upgrade head} at once race on the same schema). A store is known by the
 * coordinates in the app's ConfigMaps ({@code code-story-database}, {@code code-story-redis}): a host that is a
 * Service in the namespace (a bundled store) is that cluster's own; any other host is shared by every cluster that
 * names it. Beat and the migration are known by their component label.
 */
final class SingleWriters {

    static final String COMPONENT = "app.kubernetes.io/component";
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
        clusters.forEach((id, units) -> {
            String cluster = units.get(0).controller() == Controller.FLUX
                    ? "cluster " + id : String.join(" and ", units.stream().map(SyncUnit::describe).toList());
            List<Placed> placed = Lifecycle.placed(units, builds);
            String database = store(cluster, placed, "code-story-database", "DATABASE_HOST", "DATABASE_PORT",
                    "DATABASE_NAME");
            String broker = store(cluster, placed, "code-story-redis", "REDIS_HOST", "REDIS_PORT", null);
            for (Placed object : placed) {
                String kind = object.object().path("kind").asText();
                String component = object.object().path("metadata").path("labels").path(COMPONENT).asText();
                if (component.equals(BEAT) && (kind.equals("Deployment") || kind.equals("StatefulSet"))) {
                    Writer beat = new Writer(object, cluster, object.object().path("spec").path("replicas").asInt(1));
                    add(beatsByDatabase, database, beat);
                    add(beatsByBroker, broker, beat);
                } else if (component.equals(MIGRATION) && kind.equals("Job")
                        && ControllerRules.phase(object.object()) >= 0) {
                    add(migrationsByDatabase, database, new Writer(object, cluster, 1));
                }
            }
        });
        List<String> reported = new ArrayList<>();
        beatsByDatabase.forEach((store, beats) -> report(beats, "Celery beat replicas", "share the database at "
                + store + ": every periodic task is sent once per replica", reported, problems));
        beatsByBroker.forEach((store, beats) -> report(beats, "Celery beat replicas", "share the broker at " + store
                + ": every periodic task is sent once per replica", reported, problems));
        migrationsByDatabase.forEach((store, jobs) -> report(jobs, "migrations", "run against the database at "
                + store + " at once", reported, problems));
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
