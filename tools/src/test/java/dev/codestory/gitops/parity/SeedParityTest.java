package dev.codestory.gitops.parity;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.FixtureRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with the seed Helm chart: every object it renders with values.yaml has its counterpart in the dev
 * build, and every setting of values.yaml (dev) and values-production.yaml (prod) is found in the build, at
 * the path where it lives now. Departures are listed in the README ("Differences from the Helm chart"); the
 * ones that remove an object are asserted here as absent, so the list cannot silently grow.
 */
class SeedParityTest {

    /**
     * The environment's builds (its overlay and, under Flux, its migration unit) in the fixture repository, whose
     * dev spec is the seed's values.yaml and whose prod spec is its values-production.yaml.
     */
    private static Map<String, JsonNode> build(String environment) {
        return FixtureRepository.build(environment);
    }

    /** environment, resource (kind/name; a trailing * matches a prefix), JSON pointer, expected value or null. */
    static Stream<Arguments> settings() {
        String ns = "code-story-dev/";
        String prod = "code-story-prod/";
        String apiContainer = "/spec/template/spec/containers/0";
        return Stream.of(
                // objects rendered by the chart with values.yaml
                Arguments.of("dev", "Deployment/" + ns + "code-story-api", "/metadata/name", "code-story-api"),
                Arguments.of("dev", "Service/" + ns + "code-story-api", "/spec/ports/0/port", "8000"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-api", "/spec/rules/0/host", "api.codestory.dev"),
                Arguments.of("dev", "HorizontalPodAutoscaler/" + ns + "code-story-api", "/spec/maxReplicas", "10"),
                Arguments.of("dev", "PodDisruptionBudget/" + ns + "code-story-api", "/spec/minAvailable", "1"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-celery-worker", "/metadata/name",
                        "code-story-celery-worker"),
                Arguments.of("dev", "HorizontalPodAutoscaler/" + ns + "code-story-celery-worker", "/spec/maxReplicas",
                        "20"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-celery-beat", "/spec/replicas", "1"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-web", "/spec/replicas", "2"),
                Arguments.of("dev", "Service/" + ns + "code-story-web", "/spec/ports/0/port", "80"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-web", "/spec/rules/0/host", "app.codestory.dev"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-admin", "/spec/replicas", "1"),
                Arguments.of("dev", "Service/" + ns + "code-story-admin", "/spec/ports/0/port", "80"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-admin", "/spec/rules/0/host", "admin.codestory.dev"),
                Arguments.of("dev", "Job/" + ns + "code-story-migrate", apiContainer + "/command/0", "alembic"),
                Arguments.of("dev", "ServiceAccount/" + ns + "code-story", "/metadata/name", "code-story"),
                Arguments.of("dev", "StatefulSet/" + ns + "code-story-postgresql",
                        "/spec/volumeClaimTemplates/0/spec/resources/requests/storage", "50Gi"),
                Arguments.of("dev", "StatefulSet/" + ns + "code-story-redis",
                        "/spec/volumeClaimTemplates/0/spec/resources/requests/storage", "10Gi"),
                // values.yaml settings
                Arguments.of("dev", "Deployment/" + ns + "code-story-api", apiContainer + "/resources/requests/cpu",
                        "250m"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-api", apiContainer + "/resources/limits/memory",
                        "2Gi"),
                // dev runs latest, which it pulls Always (a deliberate departure); a pinned tag keeps the chart's
                Arguments.of("prod", "Deployment/" + prod + "code-story-api", apiContainer + "/imagePullPolicy",
                        "IfNotPresent"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-api", apiContainer + "/livenessProbe/httpGet/path",
                        "/health"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-api", "/spec/template/spec/securityContext/runAsUser",
                        "1000"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-api", "/spec/replicas", null),
                Arguments.of("dev", "HorizontalPodAutoscaler/" + ns + "code-story-api", "/spec/minReplicas", "2"),
                Arguments.of("dev", "HorizontalPodAutoscaler/" + ns + "code-story-api",
                        "/spec/metrics/0/resource/target/averageUtilization", "70"),
                Arguments.of("dev", "HorizontalPodAutoscaler/" + ns + "code-story-api",
                        "/spec/metrics/1/resource/target/averageUtilization", "80"),
                Arguments.of("dev", "HorizontalPodAutoscaler/" + ns + "code-story-api",
                        "/spec/behavior/scaleDown/stabilizationWindowSeconds", "300"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-api", "/spec/ingressClassName", "nginx"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-api",
                        "/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size", "100m"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-api",
                        "/metadata/annotations/cert-manager.io~1cluster-issuer", "letsencrypt-prod"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-api", "/spec/tls/0/secretName", "api-tls"),
                Arguments.of("dev", "Ingress/" + ns + "code-story-admin",
                        "/metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range", "10.0.0.0/8"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-celery-worker", apiContainer + "/command/5",
                        "--concurrency=4"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-celery-worker",
                        apiContainer + "/resources/limits/cpu", "2000m"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-celery-worker",
                        "/spec/template/spec/volumes/0/emptyDir/sizeLimit", "2Gi"),
                Arguments.of("dev", "HorizontalPodAutoscaler/" + ns + "code-story-celery-worker", "/spec/minReplicas",
                        "2"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-celery-beat", apiContainer + "/command/3", "beat"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-celery-beat", apiContainer + "/resources/limits/memory",
                        "512Mi"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-web", apiContainer + "/resources/requests/memory",
                        "128Mi"),
                Arguments.of("dev", "Deployment/" + ns + "code-story-admin", apiContainer + "/resources/limits/cpu",
                        "200m"),
                Arguments.of("dev", "Job/" + ns + "code-story-migrate", apiContainer + "/resources/limits/memory",
                        "512Mi"),
                Arguments.of("dev", "ConfigMap/" + ns + "code-story-config", "/data/AWS_S3_BUCKET", "code-story-audio"),
                Arguments.of("dev", "ConfigMap/" + ns + "code-story-config", "/data/AWS_REGION", "us-east-1"),
                Arguments.of("dev", "ConfigMap/" + ns + "code-story-database", "/data/DATABASE_USER", "codestory"),
                Arguments.of("dev", "ConfigMap/" + ns + "code-story-database", "/data/DATABASE_NAME", "codestory"),
                Arguments.of("dev", "StatefulSet/" + ns + "code-story-postgresql", apiContainer + "/resources/limits/memory",
                        "4Gi"),
                Arguments.of("dev", "StatefulSet/" + ns + "code-story-redis", apiContainer + "/resources/limits/memory",
                        "1Gi"),
                // departures that remove an object (README, "Differences from the Helm chart")
                Arguments.of("dev", "Secret/" + ns + "code-story", "", null),
                Arguments.of("dev", "NetworkPolicy/" + ns + "code-story", "", null),
                // values-production.yaml
                Arguments.of("prod", "Deployment/" + prod + "code-story-api", apiContainer + "/resources/requests/cpu",
                        "500m"),
                Arguments.of("prod", "Deployment/" + prod + "code-story-api", apiContainer + "/resources/limits/memory",
                        "4Gi"),
                Arguments.of("prod", "HorizontalPodAutoscaler/" + prod + "code-story-api", "/spec/minReplicas", "3"),
                Arguments.of("prod", "HorizontalPodAutoscaler/" + prod + "code-story-api", "/spec/maxReplicas", "20"),
                Arguments.of("prod", "Deployment/" + prod + "code-story-celery-worker",
                        apiContainer + "/resources/requests/memory", "2Gi"),
                Arguments.of("prod", "Deployment/" + prod + "code-story-celery-worker",
                        apiContainer + "/resources/limits/cpu", "4000m"),
                Arguments.of("prod", "ScaledObject/" + prod + "code-story-celery-worker", "/spec/minReplicaCount", "5"),
                Arguments.of("prod", "ScaledObject/" + prod + "code-story-celery-worker", "/spec/maxReplicaCount", "50"),
                Arguments.of("prod", "ConfigMap/" + prod + "code-story-database", "/data/DATABASE_HOST",
                        "codestory-prod.xxx.us-east-1.rds.amazonaws.com"),
                Arguments.of("prod", "ConfigMap/" + prod + "code-story-redis", "/data/REDIS_HOST",
                        "codestory-prod.xxx.cache.amazonaws.com"),
                Arguments.of("prod", "ConfigMap/" + prod + "code-story-config", "/data/AWS_S3_BUCKET",
                        "codestory-production-audio"),
                Arguments.of("prod", "ServiceMonitor/" + prod + "code-story-api", "/spec/endpoints/0/port", "metrics"),
                Arguments.of("prod", "NetworkPolicy/" + prod + "code-story-default-deny", "/spec/policyTypes/1",
                        "Egress"),
                Arguments.of("prod", "ExternalSecret/" + prod + "code-story-secrets", "/spec/target/name",
                        "code-story-secrets"),
                Arguments.of("prod", "StatefulSet/" + prod + "code-story-postgresql", "", null),
                Arguments.of("prod", "StatefulSet/" + prod + "code-story-redis", "", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("settings")
    void theSeedsSettingHasItsCounterpart(String environment, String resource, String pointer, String expected)
            throws IOException {
        Map<String, JsonNode> objects = build(environment);
        JsonNode object = objects.get(resource);
        if (pointer.isEmpty()) {
            assertThat(object).as("%s is a listed departure and must stay absent", resource).isNull();
            return;
        }
        assertThat(object).as("%s in the %s build", resource, environment).isNotNull();
        JsonNode value = object.at(pointer);
        if (expected == null) {
            assertThat(value.isMissingNode()).as("%s %s absent", resource, pointer).isTrue();
        } else {
            assertThat(value.asText()).as("%s %s", resource, pointer).isEqualTo(expected);
        }
    }
}
