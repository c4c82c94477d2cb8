package dev.codestory.gitops.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.kustomize.ControllerObjects;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the controllers will run, read from every built unit of the fixture repository (whose specs are the
 * seed chart's values and values-production) and from clusters/: pods that start with the real images under
 * Pod Security "restricted", KEDA taking the worker's HPA over, a ServiceMonitor that survives Argo CD's label
 * tracking, and controllers that reach every environment from Git.
 */
class WhatRunsInTheClusterTest {

    static Stream<String> environments() {
        return TestRepo.FIXTURE_ENVIRONMENTS.stream();
    }

    private static List<JsonNode> ofKind(Map<String, JsonNode> objects, String kind) {
        return objects.values().stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode named(Map<String, JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    @ParameterizedTest
    @MethodSource("environments")
    void webAndAdminWriteWhereNginxWritesAndListenAbove1024(String environment) {
        Map<String, JsonNode> build = FixtureRepository.build(environment);
        for (String frontend : List.of("web", "admin")) {
            JsonNode pod = named(build, "Deployment", "code-story-" + frontend).at("/spec/template/spec");
            JsonNode container = pod.path("containers").get(0);
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(mountsOnEmptyDirs(pod, container)).as(frontend).contains("/tmp", "/var/cache/nginx", "/var/run");
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asInt()).as("a non-root process cannot bind 80")
                    .isEqualTo(8080);
            JsonNode service = named(build, "Service", "code-story-" + frontend);
            assertThat(service.at("/spec/ports/0/port").asInt()).as("the chart's port").isEqualTo(80);
            assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @MethodSource("environments")
    void everyContainerOfTheAppWritesOnlyToEmptyDirsAndPythonHasTmp(String environment) {
        Map<String, JsonNode> build = FixtureRepository.build(environment);
        for (JsonNode workload : build.values()) {
            JsonNode pod = workload.at("/spec/template/spec");
            if (!pod.isObject() || workload.at("/kind").asText().equals("StatefulSet")) {
                continue;
            }
            for (JsonNode container : pod.path("containers")) {
                List<String> mounts = new ArrayList<>();
                container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
                assertThat(mountsOnEmptyDirs(pod, container)).as(workload.at("/metadata/name").asText())
                        .containsExactlyElementsOf(mounts).contains("/tmp");
            }
        }
    }

    /** The container's mount paths whose volume is an emptyDir of its pod. */
    private static List<String> mountsOnEmptyDirs(JsonNode pod, JsonNode container) {
        List<String> paths = new ArrayList<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.path("name").equals(mount.path("name")) && volume.has("emptyDir")) {
                    paths.add(mount.path("mountPath").asText());
                }
            }
        }
        return paths;
    }

    @ParameterizedTest
    @MethodSource("environments")
    void aScaledObjectTakesOverTheHpaTheWorkerHadWithoutIt(String environment) {
        Map<String, JsonNode> build = FixtureRepository.build(environment);
        String hpaWithoutKeda = ofKind(FixtureRepository.build("dev"), "HorizontalPodAutoscaler").stream()
                .filter(hpa -> hpa.at("/spec/scaleTargetRef/name").asText().equals("code-story-celery-worker"))
                .map(hpa -> hpa.at("/metadata/name").asText()).findFirst().orElseThrow();
        for (JsonNode scaledObject : ofKind(build, "ScaledObject")) {
            assertThat(scaledObject.at("/metadata/annotations/scaledobject.keda.sh~1transfer-hpa-ownership").asText())
                    .isEqualTo("true");
            assertThat(scaledObject.at("/spec/advanced/horizontalPodAutoscalerConfig/name").asText())
                    .isEqualTo(hpaWithoutKeda);
            assertThat(scaledObject.at("/spec/advanced/horizontalPodAutoscalerConfig/behavior/scaleDown"
                    + "/stabilizationWindowSeconds").asInt()).isEqualTo(300);
            assertThat(ofKind(build, "HorizontalPodAutoscaler")).noneMatch(hpa ->
                    hpa.at("/spec/scaleTargetRef/name").equals(scaledObject.at("/spec/scaleTargetRef/name")));
        }
        if (!environment.equals("dev")) {
            assertThat(ofKind(build, "ScaledObject")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("environments")
    void theServiceMonitorStillSelectsTheApiServiceUnderArgoCdLabelTracking(String environment) {
        Map<String, JsonNode> build = FixtureRepository.build(environment);
        for (JsonNode monitor : ofKind(build, "ServiceMonitor")) {
            JsonNode selector = monitor.at("/spec/selector");
            assertThat(selector.path("matchLabels").has("app.kubernetes.io/instance")).isFalse();
            assertThat(selector.has("matchExpressions")).isFalse();
            // Argo CD's label tracking sets the instance label of every object it applies to the Application's name
            ObjectNode tracked = ((ObjectNode) named(build, "Service", "code-story-api").path("metadata")
                    .path("labels")).deepCopy();
            tracked.put("app.kubernetes.io/instance", "code-story-" + environment + "-us-east-1");
            selector.path("matchLabels").fields().forEachRemaining(label -> assertThat(tracked.path(label.getKey()))
                    .as(label.getKey()).isEqualTo(label.getValue()));
        }
    }

    @Test
    void argoCdHasOneRootThatSyncsEveryApplicationFile() {
        Map<String, JsonNode> clusters = ControllerObjects.read(FixtureRepository.get().root);
        List<JsonNode> roots = clusters.entrySet().stream()
                .filter(e -> e.getKey().startsWith("clusters/argocd/bootstrap "))
                .map(Map.Entry::getValue).filter(o -> o.path("kind").asText().equals("Application")).toList();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.at("/spec/source/path").asText()).isEqualTo("clusters/argocd");
            assertThat(root.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
        });
        List<String> applications = clusters.entrySet().stream()
                .filter(e -> e.getValue().path("kind").asText().equals("Application"))
                .filter(e -> !e.getKey().startsWith("clusters/argocd/bootstrap ")).map(Map.Entry::getKey).toList();
        assertThat(applications).isNotEmpty().allMatch(key -> key.startsWith("clusters/argocd "));
    }

    @Test
    void fluxSourcesCarryCredentialsOrAreFluxBootstrapsOwn() {
        Map<String, JsonNode> clusters = ControllerObjects.read(FixtureRepository.get().root);
        List<JsonNode> kustomizations = clusters.values().stream()
                .filter(o -> o.path("kind").asText().equals("Kustomization")).toList();
        assertThat(kustomizations).isNotEmpty().allSatisfy(kustomization -> {
            String source = kustomization.at("/spec/sourceRef/name").asText();
            if (!source.equals("flux-system")) {
                assertThat(clusters.values()).anySatisfy(repository -> {
                    assertThat(repository.path("kind").asText()).isEqualTo("GitRepository");
                    assertThat(repository.at("/metadata/name").asText()).isEqualTo(source);
                    assertThat(repository.at("/spec/secretRef/name").asText()).isNotEmpty();
                });
            }
        });
        assertThat(clusters.values()).filteredOn(o -> o.path("kind").asText().equals("GitRepository"))
                .allSatisfy(repository -> assertThat(repository.at("/spec/secretRef/name").asText()).isNotEmpty());
    }

    static Stream<Arguments> pullPolicies() {
        return Stream.of(
                Arguments.of("development on latest pulls every start", "tier: development\n", "Always"),
                Arguments.of("unless its spec chose a policy (kind load)",
                        "tier: development\napi:\n  image:\n    pullPolicy: Never\n", "Never"),
                Arguments.of("a pinned tag keeps the chart's policy",
                        "tier: development\napi:\n  image:\n    tag: \"1.0.0\"\nceleryWorker:\n  image:\n"
                                + "    tag: \"1.0.0\"\nceleryBeat:\n  image:\n    tag: \"1.0.0\"\n", "IfNotPresent"),
                Arguments.of("a digest pins latest too",
                        "tier: development\napi:\n  image:\n    digest: sha256:" + "a".repeat(64) + "\n"
                                + "celeryWorker:\n  image:\n    digest: sha256:" + "a".repeat(64) + "\n"
                                + "celeryBeat:\n  image:\n    digest: sha256:" + "a".repeat(64) + "\n",
                        "IfNotPresent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pullPolicies")
    void developmentPullsLatestAlways(String name, String spec, String policy) {
        var environment = SpecLoader.parse("qa", "overlays/qa/env.yaml", spec
                + "components: [bundled-postgres, bundled-redis]\n");
        List<JsonNode> objects = AppObjects.build(environment).stream().map(YamlRenderer.instance()::toTree)
                .toList();
        for (String workload : List.of("code-story-api", "code-story-celery-worker", "code-story-celery-beat")) {
            JsonNode deployment = objects.stream().filter(o -> o.at("/metadata/name").asText().equals(workload))
                    .findFirst().orElseThrow();
            assertThat(deployment.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).as(workload)
                    .isEqualTo(workload.equals("code-story-api") || !name.startsWith("unless") ? policy
                            : "Always");
        }
        JsonNode job = objects.stream().filter(o -> o.path("kind").asText().equals("Job")).findFirst().orElseThrow();
        assertThat(job.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).as("the migration runs the"
                + " api's image").isEqualTo(policy);
    }
}
