package dev.codestory.gitops.generate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.codestory.gitops.controllers.MigrationGate;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.ImageVersions;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * What an environment's build must hold, computed without kustomize: its objects as the tool builds them
 * directly from the spec, plus what the kustomization's own fields and the images file add (namespace, labels,
 * image versions).
 * Tests compare real builds with it to prove the computed patches, deletions and renames right.
 */
final class ExpectedObjects {

    private ExpectedObjects() {
    }

    /** The environment's objects as the tool builds them, with what the kustomization's own fields add. */
    static Map<String, JsonNode> of(Environment env) {
        EnvSpec spec = env.spec();
        Map<String, String> images = new TreeMap<>();
        for (EnvSpec.Image image : List.of(spec.api().image(), spec.celeryWorker().image(), spec.celeryBeat().image(),
                spec.web().image(), spec.admin().image())) {
            ImageVersions.Entry version = env.images().of(image.repository());
            images.putIfAbsent(image.repository(), (version.newName().isEmpty() ? version.name() : version.newName())
                    + (version.tag().isEmpty() ? "" : ":" + version.tag())
                    + (version.digest().isEmpty() ? "" : "@" + version.digest()));
        }
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.put(Labels.VERSION, env.images().of(spec.api().image().repository()).tag());

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
