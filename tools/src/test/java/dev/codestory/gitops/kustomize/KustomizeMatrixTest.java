package dev.codestory.gitops.kustomize;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.yaml.FieldChange;
import dev.codestory.gitops.yaml.FieldDiff;
import dev.codestory.gitops.yaml.TreeDiff;

/** The kustomize matrix: which binaries it finds, and how two builds of one overlay are compared. */
class KustomizeMatrixTest {

    @Test
    void differencesBetweenTwoBuildsAreMatrixFindings() {
        Map<String, JsonNode> chosen = RenderedObjects.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: prod
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: api:1.0.0
                          args: [--port, "8000"]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: api
                  namespace: prod
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: old
                  namespace: prod
                """);
        Map<String, JsonNode> other = RenderedObjects.parse("""
                apiVersion: v1
                kind: Service
                metadata:
                  namespace: prod
                  name: api
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                  namespace: prod
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: api:1.0.0
                          args: [--port, 8000]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: new
                  namespace: prod
                """);
        assertThat(TreeDiff.compare(chosen, "kubectl (kustomize v5.5.0)", other, "kubectl.1.27 (kustomize v5.0.1)"))
                .extracting(d -> d.resource() + " " + d.field() + ": " + d.problem()).containsExactly(
                "ConfigMap/old : in kubectl (kustomize v5.5.0), not in kubectl.1.27 (kustomize v5.0.1)",
                "Deployment/api spec.template.spec.containers[api].args[1]: kubectl.1.27 (kustomize v5.0.1) has"
                        + " 8000, kubectl (kustomize v5.5.0) has \"8000\"",
                "ConfigMap/new : in kubectl.1.27 (kustomize v5.0.1), not in kubectl (kustomize v5.5.0)");
        assertThat(TreeDiff.compare(chosen, "a", chosen, "b")).isEmpty();
    }

    @Test
    void findsKustomizeKubectlAndTheVersionedKubectlsBesideTheRealOne(@TempDir Path temp) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path sdk = Files.createDirectories(temp.resolve("sdk"));
        Path kustomize = executable(temp.resolve("tools").resolve("kustomize"));
        executable(sdk.resolve("kubectl"));
        executable(sdk.resolve("kubectl.1.27"));
        executable(sdk.resolve("kubectl.1.33"));
        executable(sdk.resolve("kubectl.1.26"));
        Files.writeString(sdk.resolve("kubectl.1.30"), "not executable");
        Files.createSymbolicLink(bin.resolve("kubectl"), sdk.resolve("kubectl"));
        // a second path to the same binary counts once
        Files.createSymbolicLink(bin.resolve("kustomize"), kustomize);

        // kubectls that are not beside the real one count when they are on PATH themselves
        Path layers = Files.createDirectories(temp.resolve("layers"));
        executable(layers.resolve("kubectl.1.34"));
        executable(layers.resolve("kubectl.1.36"));

        String path = String.join(File.pathSeparator, bin.toString(), kustomize.getParent().toString(),
                layers.toString());
        assertThat(KustomizeMatrix.binaries(path)).containsExactly(bin.resolve("kustomize"), bin.resolve("kubectl"),
                sdk.resolve("kubectl.1.27"), sdk.resolve("kubectl.1.33"), layers.resolve("kubectl.1.34"));
        assertThat(KustomizeMatrix.binaries(temp.resolve("empty").toString())).isEmpty();
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void theFirstDifferenceOfTwoTrees() {
        Map<String, JsonNode> one = RenderedObjects.parse("kind: A\nmetadata: {name: a}\nspec: {x: 1, y: [1, 2]}\n");
        Map<String, JsonNode> two = RenderedObjects.parse(
                "kind: A\nmetadata: {name: a}\nspec: {y: [1, 2, 3], x: 1.0}\n");
        JsonNode left = one.values().iterator().next();
        JsonNode right = two.values().iterator().next();
        assertThat(FieldDiff.between(left, right)).extracting(FieldChange::pathText).containsExactly("spec.y");
        assertThat(TreeDiff.compare(one, "one", two, "two")).extracting(TreeDiff.Difference::problem)
                .isEqualTo(List.of("two has [1,2,3], one has [1,2]"));
    }
}
