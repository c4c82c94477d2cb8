package dev.codestory.gitops.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.controllers.MigrationGate;
import dev.codestory.gitops.generate.AppObjects;
import dev.codestory.gitops.objects.ImageRef;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.yaml.YamlRenderer;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.analysis.References;
import dev.codestory.gitops.yaml.RenderedObjects;

/**
 * The overlays mean what the specs say: {@code kustomize build overlays/<env>} gives exactly the objects the
 * tool builds directly from the environment's spec (plus namespace, labels and image versions, which the
 * overlay sets with kustomize's own fields). This proves the computed patches, deletions and renames right,
 * for the committed environments and for one that exercises every option.
 */
public class OverlayMeaningTest {

    static final String EVERY_OPTION = """
            tier: staging
            namespace: cs-every-option
            labels:
              team: narrators
            global:
              imageRegistry: registry.example.com:5000/mirror
              imagePullSecrets: [regcred]
            api:
              replicaCount: 3
              image:
                tag: "2.1.0"
                digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              autoscaling:
                enabled: false
              podDisruptionBudget:
                minAvailable: 2
              ingress:
                annotations:
                  cert-manager.io/cluster-issuer: null
                hosts:
                  - host: api.example.com
                    paths:
                      - path: /v1
                        pathType: Prefix
                      - path: /health
                        pathType: Exact
                tls: []
              nodeSelector:
                kubernetes.io/arch: arm64
              tolerations:
                - key: dedicated
                  operator: Equal
                  value: narrators
                  effect: NoSchedule
              affinity:
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      podAffinityTerm:
                        topologyKey: kubernetes.io/hostname
                        labelSelector:
                          matchLabels:
                            app.kubernetes.io/component: api
            celeryWorker:
              image:
                tag: "2.1.0"
                digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              autoscaling:
                targetMemoryUtilizationPercentage: 75
            celeryBeat:
              enabled: false
            web:
              enabled: false
            admin:
              image:
                tag: "2.1.0"
              ingress:
                enabled: false
            migration:
              command: [alembic, upgrade, heads]
            s3:
              bucket: narrations.example
              region: eu-west-3
              endpoint: https://s3.eu-west-3.example.com
            serviceAccount:
              create: false
              name: narrator
            gitops:
              controller: flux
              clusters:
                - name: lab
                  server: https://lab.example.com:6443
            """;

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> buildsGiveTheObjectsTheSpecDescribes() {
        Kustomize kustomize = Kustomize.locate(null);
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        repo.write("overlays/every-option/env.yaml", EVERY_OPTION);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        return SpecLoader.loadAll(repo.root).stream().map(env -> DynamicTest.dynamicTest(env.name(), () -> {
            Map<String, JsonNode> built = RenderedObjects.parse(kustomize.build(repo.path("overlays/" + env.name())));
            if (repo.path("overlays/" + env.name() + "/migrate/kustomization.yaml").toFile().exists()) {
                built.putAll(RenderedObjects.parse(kustomize.build(repo.path("overlays/" + env.name() + "/migrate"))));
            }
            Map<String, JsonNode> expected = expected(env);
            assertThat(References.check(built)).as("references in " + env.name()).isEmpty();
            assertThat(built.keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, object) -> assertThatJson(built.get(key)).as(env.name() + " " + key)
                    .isEqualTo(object));
        }));
    }

    /** The environment's objects as the tool builds them, with what the kustomization's own fields add. */
    public static Map<String, JsonNode> expected(Environment env) {
        EnvSpec spec = env.spec();
        Map<String, String> images = new TreeMap<>();
        List<EnvSpec.Image> all = new ArrayList<>(List.of(spec.api().image(), spec.celeryWorker().image(),
                spec.celeryBeat().image(), spec.web().image(), spec.admin().image()));
        for (EnvSpec.Image image : all) {
            ImageRef ref = ImageRef.of(spec, image);
            images.putIfAbsent(image.repository(), ref.name() + ":" + ref.tag()
                    + (ref.digest().isEmpty() ? "" : "@" + ref.digest()));
        }
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.put(Labels.VERSION, spec.api().image().tag());

        Map<String, JsonNode> expected = new TreeMap<>();
        // the Namespace as its controller needs it: Pod Security labels, and Argo CD's wave or Flux's exclusion
        ObjectNode namespace = (ObjectNode) YamlRenderer.instance().toTree(MigrationGate.namespace(env));
        labels.forEach(((ObjectNode) namespace.get("metadata").get("labels"))::put);
        expected.put(RenderedObjects.key(namespace), namespace);

        for (var object : AppObjects.build(env)) {
            ObjectNode tree = (ObjectNode) YamlRenderer.instance().toTree(object);
            ObjectNode metadata = (ObjectNode) tree.get("metadata");
            metadata.put("namespace", env.namespace());
            labels.forEach(((ObjectNode) metadata.get("labels"))::put);
            tree.findParents("image").stream().filter(container -> images.containsKey(container.get("image").asText()))
                    .forEach(container -> ((ObjectNode) container)
                            .put("image", images.get(container.get("image").asText())));
            expected.put(RenderedObjects.key(tree), tree);
        }
        return expected;
    }
}
