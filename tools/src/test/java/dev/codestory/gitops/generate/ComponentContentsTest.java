package dev.codestory.gitops.generate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.plan.OverlayPlanner;
import dev.codestory.gitops.generate.AppObjects;
import dev.codestory.gitops.yaml.YamlRenderer;
import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** What each component adds to base, changes in it and removes from it (the content of components/<name>/). */
class ComponentContentsTest {

    private static final Environment DEFAULTS = SpecLoader.defaultsEnvironment();
    private static final List<JsonNode> BASE = trees(List.of());

    private static List<JsonNode> trees(List<Component> components) {
        return AppObjects.build(DEFAULTS.withComponents(components)).stream()
                .map(YamlRenderer.instance()::toTree).toList();
    }

    private static OverlayPlanner.Plan plan(Component component) {
        return OverlayPlanner.plan(BASE, trees(List.of(component)));
    }

    private static List<String> ids(List<JsonNode> objects) {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .sorted().toList();
    }

    private static Map<String, JsonNode> byId(List<JsonNode> objects) {
        Map<String, JsonNode> map = new TreeMap<>();
        objects.forEach(o -> map.put(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText(), o));
        return map;
    }

    @Test
    void baseHasNoDataStoreNoPolicyAndNoCustomResource() {
        assertThat(ids(BASE)).noneMatch(id -> id.startsWith("StatefulSet/") || id.startsWith("NetworkPolicy/")
                || id.startsWith("ScaledObject/") || id.startsWith("ServiceMonitor/")
                || id.startsWith("ExternalSecret/"));
        assertThat(ids(BASE)).contains("HorizontalPodAutoscaler/code-story-celery-worker");
    }

    @Test
    void bundledPostgresAddsAStatefulSetItsServiceAndTheDatabaseCoordinates() {
        var plan = plan(Component.BUNDLED_POSTGRES);
        assertThat(ids(plan.added())).containsExactly("ConfigMap/code-story-database", "Service/code-story-postgresql",
                "StatefulSet/code-story-postgresql");
        assertThat(plan.patches()).isEmpty();
        assertThat(plan.deletions()).isEmpty();
        JsonNode statefulSet = byId(plan.added()).get("StatefulSet/code-story-postgresql");
        assertThat(statefulSet.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText())
                .isEqualTo("50Gi");
        assertThat(statefulSet.at("/spec/template/spec/securityContext/runAsUser").asLong()).isEqualTo(999);
        assertThat(statefulSet.at("/spec/template/spec/containers/0/readinessProbe/exec/command/2").asText())
                .contains("pg_isready");
        assertThat(byId(plan.added()).get("ConfigMap/code-story-database").at("/data/DATABASE_HOST").asText())
                .isEqualTo("code-story-postgresql");
    }

    @Test
    void managedDbAddsOnlyTheDatabaseCoordinates() {
        var plan = plan(Component.MANAGED_DB);
        assertThat(ids(plan.added())).containsExactly("ConfigMap/code-story-database");
        assertThat(byId(plan.added()).get("ConfigMap/code-story-database").at("/data/DATABASE_SSLMODE").asText())
                .isEqualTo("require");
        assertThat(plan.patches()).isEmpty();
        assertThat(plan.deletions()).isEmpty();
    }

    @Test
    void bundledRedisRequiresAPasswordAndPersists() {
        var plan = plan(Component.BUNDLED_REDIS);
        assertThat(ids(plan.added())).containsExactly("ConfigMap/code-story-redis", "Service/code-story-redis",
                "StatefulSet/code-story-redis");
        JsonNode container = byId(plan.added()).get("StatefulSet/code-story-redis").at("/spec/template/spec/containers/0");
        assertThat(container.path("args").toString()).contains("--requirepass").contains("$(REDIS_PASSWORD)")
                .contains("--appendonly");
        assertThat(container.at("/env/0/valueFrom/secretKeyRef/key").asText()).isEqualTo("redis-password");
    }

    @Test
    void managedRedisAddsOnlyTheRedisCoordinates() {
        var plan = plan(Component.MANAGED_REDIS);
        assertThat(ids(plan.added())).containsExactly("ConfigMap/code-story-redis");
        assertThat(byId(plan.added()).get("ConfigMap/code-story-redis").at("/data/REDIS_TLS").asText())
                .isEqualTo("true");
    }

    @Test
    void kedaScalingAddsAScaledObjectRemovesTheWorkerHpaAndTunesTheWorker() {
        var plan = plan(Component.KEDA_SCALING);
        assertThat(ids(plan.added())).containsExactly("ScaledObject/code-story-celery-worker");
        assertThat(ids(plan.deletions())).containsExactly("HorizontalPodAutoscaler/code-story-celery-worker");
        assertThat(ids(plan.patches())).containsExactly("Deployment/code-story-celery-worker");
        JsonNode worker = byId(trees(List.of(Component.KEDA_SCALING))).get("Deployment/code-story-celery-worker");
        assertThat(worker.at("/spec/replicas").isMissingNode()).isTrue();
        assertThat(worker.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(930);
        assertThat(worker.at("/spec/template/spec/containers/0/command").toString()).contains("--prefetch-multiplier=1");
        assertThat(worker.at("/spec/template/spec/containers/0/env").toString()).contains("REDIS_HOST")
                .contains("REDIS_PASSWORD").contains("CELERY_TASK_ACKS_LATE");
        JsonNode scaled = byId(plan.added()).get("ScaledObject/code-story-celery-worker");
        assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo("code-story-celery-worker");
        assertThat(scaled.at("/spec/minReplicaCount").asInt()).isEqualTo(2);
        assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isEqualTo(20);
        assertThat(scaled.at("/spec/triggers/0/metadata/listName").asText()).isEqualTo("celery");
        assertThat(scaled.path("metadata").path("name").asText().length()).isLessThanOrEqualTo(54);
        assertThat(ids(trees(List.of(Component.KEDA_SCALING)))).contains("Deployment/code-story-celery-beat")
                .doesNotContain("ScaledObject/code-story-celery-beat");
    }

    @Test
    void networkPolicyAddsDefaultDenyAndTheFlowsEveryEnvironmentNeeds() {
        var plan = plan(Component.NETWORK_POLICY);
        assertThat(ids(plan.added())).containsExactly("NetworkPolicy/code-story-allow-dns",
                "NetworkPolicy/code-story-allow-https-egress", "NetworkPolicy/code-story-allow-ingress-controller",
                "NetworkPolicy/code-story-default-deny");
        assertThat(plan.patches()).isEmpty();
    }

    @Test
    void monitoringAddsAServiceMonitorAndANamedMetricsPort() {
        var plan = plan(Component.MONITORING);
        assertThat(ids(plan.added())).containsExactly("ServiceMonitor/code-story-api");
        assertThat(ids(plan.patches())).containsExactly("Deployment/code-story-api", "Service/code-story-api");
        JsonNode monitor = byId(plan.added()).get("ServiceMonitor/code-story-api");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("metrics");
        JsonNode service = byId(trees(List.of(Component.MONITORING))).get("Service/code-story-api");
        assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("metrics");
    }

    @Test
    void externalSecretsFillsEveryKeyOfTheAppSecret() {
        var plan = plan(Component.EXTERNAL_SECRETS);
        assertThat(ids(plan.added())).containsExactly("ExternalSecret/code-story-secrets");
        JsonNode secret = byId(plan.added()).get("ExternalSecret/code-story-secrets");
        assertThat(secret.at("/spec/target/name").asText()).isEqualTo("code-story-secrets");
        assertThat(secret.at("/spec/secretStoreRef/kind").asText()).isEqualTo("ClusterSecretStore");
        assertThat(secret.at("/spec/data").findValuesAsText("secretKey")).containsExactly("database-url",
                "redis-url", "celery-broker-url", "celery-result-backend", "jwt-secret", "anthropic-api-key",
                "elevenlabs-api-key", "github-token", "aws-access-key-id", "aws-secret-access-key");
        assertThat(secret.at("/spec/data/0/remoteRef/conversionStrategy").asText()).isEqualTo("Default");
    }
}
