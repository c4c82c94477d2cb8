package dev.codestory.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.kustomize.GoldenRecorder;
import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.yaml.RenderedObjects;

/**
 * The fixture specs generated and their goldens recorded with the real kustomize, once per test run: tests that
 * need a whole repository read it, or change a copy of it ({@link #copyTo}), instead of each generating and
 * building their own.
 */
public final class FixtureRepository {

    private static final class Built {
        static final TestRepo REPO = build();
    }

    private FixtureRepository() {
    }

    /** The built repository; nothing may change it. */
    public static TestRepo get() {
        return Built.REPO;
    }

    /** A copy to change. */
    public static TestRepo copyTo(Path temp) {
        return get().copyTo(temp);
    }

    /** What an environment syncs, all its units' objects as recorded in the goldens. */
    public static Map<String, JsonNode> build(String environment) {
        Map<String, JsonNode> objects = new TreeMap<>();
        try {
            for (RepoLayout.Unit unit : new RepoLayout(get().root).units(environment)) {
                objects.putAll(RenderedObjects.parse(Files.readString(Goldens.path(get().root, unit.name()),
                        StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    private static TestRepo build() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "code-story-fixture-");
            TestRepo repo = TestRepo.withFixtureSpecs(dir);
            TestRepo.Result result = repo.run("regen");
            if (result.exitCode() != Cli.OK) {
                throw new IllegalStateException("the fixture does not generate: " + result.err());
            }
            GoldenRecorder.record(dir, new RepoLayout(dir).environments(), Kustomize.locate(null));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TestRepo.delete(dir)));
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
