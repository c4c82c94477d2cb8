package dev.codestory.gitops.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Which environments need building: those whose inputs differ, directly or through another overlay. */
class AffectedEnvironmentsTest {

    private static final List<String> INPUTS = List.of("base", "components", "overlays");
    private static final Set<String> ENVIRONMENTS = Set.of("dev", "prod", "staging");

    @TempDir
    Path one;
    @TempDir
    Path other;

    @BeforeEach
    void sameTrees() throws IOException {
        for (Path root : List.of(one, other)) {
            write(root, "base/kustomization.yaml", "resources: [a.yaml]\n");
            write(root, "components/x/kustomization.yaml", "kind: Component\n");
            write(root, "overlays/dev/kustomization.yaml", "resources: [../../base]\n");
            write(root, "overlays/staging/kustomization.yaml", "resources: [../../base]\n");
            write(root, "overlays/prod/kustomization.yaml", "resources: [../../base]\ncomponents: [local]\n");
            write(root, "overlays/prod/local/kustomization.yaml", "kind: Component\nresources: [../../shared/x]\n");
            write(root, "overlays/shared/x/cm.yaml", "kind: ConfigMap\n");
        }
    }

    @Test
    void identicalTreesAffectNothing() {
        assertThat(affected()).isEmpty();
    }

    @Test
    void aChangeInAnOverlayAffectsItAndTheOverlaysThatNameIt() throws IOException {
        write(other, "overlays/dev/NOTES.md", "ours\n");
        assertThat(affected()).containsExactly("dev");
        write(other, "overlays/shared/x/cm.yaml", "kind: ConfigMap\ndata: {}\n");
        assertThat(affected()).containsExactly("dev", "prod");
    }

    @Test
    void aChangeOutsideTheOverlaysAffectsEveryEnvironment() throws IOException {
        write(other, "components/x/kustomization.yaml", "kind: Component\nresources: []\n");
        assertThat(affected()).containsExactly("dev", "prod", "staging");
    }

    @Test
    void anAddedOrRemovedOverlayIsAffected() throws IOException {
        Files.delete(other.resolve("overlays/staging/kustomization.yaml"));
        write(other, "overlays/qa/kustomization.yaml", "resources: [../../base]\n");
        assertThat(AffectedEnvironments.between(one, other, INPUTS, Set.of("dev", "prod", "staging", "qa")))
                .containsExactly("qa", "staging");
    }

    private Set<String> affected() {
        return AffectedEnvironments.between(one, other, INPUTS, ENVIRONMENTS);
    }

    private static void write(Path root, String path, String text) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), text);
    }
}
