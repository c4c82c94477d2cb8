package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.layout.RepoLayout;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Each overlay, built by the real kustomize, equals its committed golden file {@code rendered/<env>.yaml},
 * compared as YAML trees resource by resource. Re-record the goldens with
 * {@code mvn -B verify -Dgoldens.record=true} and review the diff.
 */
class GoldenBuildTest {

    static final String RECORD = "goldens.record";
    static final Path ROOT = TestRepo.projectRoot();

    @TestFactory
    Stream<DynamicTest> eachOverlayBuildsToItsGolden() {
        Kustomize kustomize = Kustomize.locate(null);
        RepoLayout layout = new RepoLayout(ROOT);
        return layout.units(layout.environments()).stream().map(unit -> DynamicTest.dynamicTest(unit.name(),
                () -> {
                    String build = kustomize.build(ROOT.resolve(unit.directory()));
                    Path golden = Goldens.path(ROOT, unit.name());
                    if (Boolean.getBoolean(RECORD)) {
                        Goldens.write(ROOT, unit, kustomize, build);
                        return;
                    }
                    assertThat(golden).as("golden file for %s (record with -D%s=true)", unit.name(), RECORD).exists();
                    compare(unit, RenderedObjects.parse(Files.readString(golden, StandardCharsets.UTF_8)),
                            RenderedObjects.parse(build));
                }));
    }

    @Test
    void everyGoldenBelongsToAnEnvironment() throws IOException {
        Set<String> environments = new TreeSet<>();
        RepoLayout layout = new RepoLayout(ROOT);
        layout.units(layout.environments()).forEach(unit -> environments.add(unit.name() + ".yaml"));
        Set<String> goldens = new TreeSet<>();
        Files.createDirectories(ROOT.resolve(RepoLayout.GOLDENS));
        try (Stream<Path> files = Files.list(ROOT.resolve(RepoLayout.GOLDENS))) {
            files.forEach(file -> goldens.add(file.getFileName().toString()));
        }
        if (Boolean.getBoolean(RECORD)) {
            for (String stale : goldens) {
                if (!environments.contains(stale)) {
                    Files.delete(ROOT.resolve(RepoLayout.GOLDENS).resolve(stale));
                }
            }
            return;
        }
        assertThat(goldens).as("goldens in %s/ (re-record with -D%s=true)", RepoLayout.GOLDENS, RECORD)
                .isEqualTo(environments);
    }

    static void compare(RepoLayout.Unit env, Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
        List<String> problems = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (!actual.containsKey(key)) {
                problems.add(env.name() + ": " + key + " is in the golden file but not in the build");
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                problems.add(env.name() + ": " + key + " is in the build but not in the golden file");
                continue;
            }
            try {
                assertThatJson(actual.get(key)).as(env.name() + " " + key).isEqualTo(expected.get(key));
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            fail(env.directory() + " no longer builds to " + RepoLayout.GOLDENS + "/" + env.name() + ".yaml"
                    + " (if intended, re-record with -D" + RECORD + "=true):\n" + String.join("\n", problems));
        }
    }
}
