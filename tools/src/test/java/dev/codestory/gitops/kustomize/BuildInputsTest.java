package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A build's fingerprint changes with every file the build can read, and not with files outside the directories it
 * reads; where the tool cannot tell what a build reads there is none, and the build runs. A fingerprint that missed an
 * input would hand out another tree's output, so each row below is a way a build's inputs can change.
 */
class BuildInputsTest {

    private static final Map<String, String> TREE = Map.of(
            "base/kustomization.yaml", "resources:\n  - config.yaml\n",
            "base/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\n",
            "components/extra/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                    + "patches:\n  - path: patch.yaml\n",
            "components/extra/patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\ndata:\n"
                    + "  extra: \"1\"\n",
            "overlays/a/kustomization.yaml", "resources:\n  - ../../base\ncomponents:\n  - ../../components/extra\n",
            "overlays/b/kustomization.yaml", "resources:\n  - ../../base\nnamePrefix: b-\n",
            "overlays/a.secondary/kustomization.yaml", "resources:\n  - ../a\n",
            "unrelated/notes.md", "not read by any build\n");

    @TempDir
    Path temp;

    private Path tree(String name) {
        Path root = temp.resolve(name);
        TREE.forEach((path, content) -> write(root.resolve(path), content));
        return root;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> changesTheBuildReads() {
        return Stream.<Arguments>of(
                changed("a file of the built directory", root -> write(root.resolve("overlays/a/kustomization.yaml"),
                        "resources:\n  - ../../base\ncomponents:\n  - ../../components/extra\nnamePrefix: x-\n")),
                changed("a resource's file", root -> write(root.resolve("base/config.yaml"),
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n")),
                changed("a component's patch", root -> write(root.resolve("components/extra/patch.yaml"), "{}\n")),
                changed("a new file beside a resource", root -> write(root.resolve("base/new.yaml"), "{}\n")),
                changed("a file renamed",
                        root -> move(root, "components/extra/patch.yaml", "components/extra/p.yaml")));
    }

    private static Arguments changed(String what, Consumer<Path> change) {
        return Arguments.of(what, change);
    }

    private static void move(Path root, String from, String to) {
        try {
            Files.move(root.resolve(from), root.resolve(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changesTheBuildReads")
    void everyInputOfTheBuildChangesTheFingerprint(String what, Consumer<Path> change) {
        Path root = tree("tree");
        Optional<String> before = BuildInputs.fingerprint(root.resolve("overlays/a"));
        Optional<String> secondaryBefore = BuildInputs.fingerprint(root.resolve("overlays/a.secondary"));
        change.accept(root);
        assertThat(before).isPresent();
        assertThat(BuildInputs.fingerprint(root.resolve("overlays/a"))).as(what).isPresent().isNotEqualTo(before);
        assertThat(BuildInputs.fingerprint(root.resolve("overlays/a.secondary"))).as(what + ", read through ../a")
                .isPresent().isNotEqualTo(secondaryBefore);
    }

    @Test
    void theSameFilesElsewhereHaveTheSameFingerprint() {
        Path one = tree("one");
        Path two = tree("two");
        assertThat(BuildInputs.fingerprint(one.resolve("overlays/a")))
                .isPresent().isEqualTo(BuildInputs.fingerprint(two.resolve("overlays/a")));
    }

    @Test
    void filesNoBuildReadsLeaveItAlone() {
        Path root = tree("tree");
        Optional<String> before = BuildInputs.fingerprint(root.resolve("overlays/b"));
        write(root.resolve("components/extra/patch.yaml"), "{}\n");
        write(root.resolve("unrelated/notes.md"), "changed\n");
        write(root.resolve("overlays/a/kustomization.yaml"), "resources:\n  - ../../base\n");
        assertThat(BuildInputs.fingerprint(root.resolve("overlays/b"))).isPresent().isEqualTo(before);
    }

    @Test
    void twoDirectoriesOfTheSameContentAreStillTwoBuilds() {
        Path root = tree("tree");
        write(root.resolve("overlays/c/kustomization.yaml"), TREE.get("overlays/b/kustomization.yaml"));
        assertThat(BuildInputs.fingerprint(root.resolve("overlays/c")))
                .isNotEqualTo(BuildInputs.fingerprint(root.resolve("overlays/b")));
    }

    static Stream<Arguments> buildsThatReadElsewhere() {
        return Stream.of(
                Arguments.of("a remote resource", "resources:\n  - https://github.com/example/app//deploy?ref=v1\n"),
                Arguments.of("a resource that is not there", "resources:\n  - ../../missing\n"),
                Arguments.of("a Helm chart", "helmCharts:\n  - name: redis\n    repo: https://charts.example\n"),
                Arguments.of("a generator plugin", "generators:\n  - plugin.yaml\n"),
                Arguments.of("a transformer plugin", "transformers:\n  - plugin.yaml\n"),
                Arguments.of("a remote patch",
                        "resources:\n  - ../../base\npatches:\n  - path: https://example.com/p.yaml\n"),
                Arguments.of("a remote generator file", "configMapGenerator:\n  - name: c\n    files:\n"
                        + "      - https://example.com/c.properties\n"),
                Arguments.of("an absolute path", "resources:\n  - ../../base\npatches:\n  - path: /etc/patch.yaml\n"),
                Arguments.of("a YAML merge key", "<<: {resources: [../../base]}\n"),
                Arguments.of("a field of a later kustomize", "resources:\n  - ../../base\nsomethingNew: [x]\n"),
                Arguments.of("a kustomization that is not YAML", "resources: [\n"),
                Arguments.of("a kustomization that is a list", "- ../../base\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildsThatReadElsewhere")
    void whatCannotBeToldHasNoFingerprint(String what, String kustomization) {
        Path root = tree("tree");
        write(root.resolve("overlays/a/kustomization.yaml"), kustomization);
        assertThat(BuildInputs.fingerprint(root.resolve("overlays/a"))).as(what).isEmpty();
    }

    /** kustomize resolves a linked directory before it loads it: {@code ../base} is then beside the target. */
    @Test
    void aLinkedDirectoryIsReadWhereItLeads() throws IOException {
        Path root = tree("tree");
        Path elsewhere = tree("elsewhere");
        write(elsewhere.resolve("overlays/linked/kustomization.yaml"), "resources:\n  - ../../base\n");
        Files.createSymbolicLink(root.resolve("overlays/linked"), elsewhere.resolve("overlays/linked"));
        Optional<String> before = BuildInputs.fingerprint(root.resolve("overlays/linked"));
        write(elsewhere.resolve("base/config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: moved\n");
        assertThat(BuildInputs.fingerprint(root.resolve("overlays/linked"))).isPresent().isNotEqualTo(before);
    }

    @Test
    void otherNamesOfTheKustomizationCount() {
        Path root = tree("tree");
        move(root, "base/kustomization.yaml", "base/Kustomization");
        Optional<String> before = BuildInputs.fingerprint(root.resolve("overlays/b"));
        write(root.resolve("base/config.yaml"), "{}\n");
        assertThat(BuildInputs.fingerprint(root.resolve("overlays/b"))).isPresent().isNotEqualTo(before);
    }

    @Test
    void aDirectoryWithoutAKustomizationHasNoFingerprint() {
        assertThat(BuildInputs.fingerprint(tree("tree").resolve("unrelated"))).isEmpty();
    }
}
