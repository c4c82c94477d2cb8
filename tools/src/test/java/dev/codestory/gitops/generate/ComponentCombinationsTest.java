package dev.codestory.gitops.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.Parallel;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.analysis.References;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.yaml.RenderedObjects;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sets of components (one database source, one Redis source, any of the other four) build with the real kustomize,
 * mean what their spec says, and have every reference resolved; every forbidden set is refused before anything is
 * written. The 64 allowed sets take a minute of kustomize; by default the test builds a covering set of them in
 * which every choice of any three components appears in every on/off combination (what the component rules and
 * network policies depend on is at most three components at once). {@code -Dcombinations=all} builds all 64;
 * CI does.
 */
class ComponentCombinationsTest {

    /** The database and Redis choices, then the optional components, one bit each. */
    private static final int FACTORS = 6;

    @TempDir
    static Path temp;
    static TestRepo repo;
    static Map<String, Map<String, JsonNode>> builds = new ConcurrentHashMap<>();
    static Map<String, Environment> environments;

    /** The allowed sets the test builds, as spec texts keyed by environment name. */
    static Map<String, String> allowedSpecs() {
        Map<String, String> specs = new java.util.TreeMap<>();
        List<Integer> masks = "all".equals(System.getProperty("combinations"))
                ? java.util.stream.IntStream.range(0, 1 << FACTORS).boxed().toList() : coveringMasks();
        for (int mask : masks) {
            List<String> components = new ArrayList<>();
            components.add((mask & 1) == 0 ? "bundled-postgres" : "managed-db");
            components.add((mask & 2) == 0 ? "bundled-redis" : "managed-redis");
            String[] optional = {"keda-scaling", "network-policy", "monitoring", "external-secrets"};
            for (int i = 0; i < optional.length; i++) {
                if ((mask & (4 << i)) != 0) {
                    components.add(optional[i]);
                }
            }
            String name = String.format("combo-%02d", mask);
            // each environment its own managed database and Redis: two may not share one
            specs.put(name, "tier: development\ncomponents: " + components + "\n"
                    + "externalDatabase:\n  host: db." + name + ".example.com\n  cidr: 10.1.0.0/16\n"
                    + "externalRedis:\n  host: redis." + name + ".example.com\n  cidr: 10.2.0.0/16\n");
        }
        return specs;
    }

    /**
     * A strength-3 covering set of the 64 masks, chosen greedily (so always the same): each next mask covers the
     * most (three factors, their values) combinations not yet covered.
     */
    static List<Integer> coveringMasks() {
        java.util.Set<Integer> uncovered = new java.util.TreeSet<>();
        for (int mask = 0; mask < 1 << FACTORS; mask++) {
            uncovered.addAll(triples(mask));
        }
        List<Integer> chosen = new ArrayList<>();
        while (!uncovered.isEmpty()) {
            int best = -1;
            int bestCount = -1;
            for (int mask = 0; mask < 1 << FACTORS; mask++) {
                int count = (int) triples(mask).stream().filter(uncovered::contains).count();
                if (count > bestCount) {
                    best = mask;
                    bestCount = count;
                }
            }
            chosen.add(best);
            uncovered.removeAll(triples(best));
        }
        return chosen;
    }

    /** The (three factors, their values) combinations a mask has, each as one number. */
    private static List<Integer> triples(int mask) {
        List<Integer> triples = new ArrayList<>();
        for (int a = 0; a < FACTORS; a++) {
            for (int b = a + 1; b < FACTORS; b++) {
                for (int c = b + 1; c < FACTORS; c++) {
                    int values = (mask >> a & 1) | (mask >> b & 1) << 1 | (mask >> c & 1) << 2;
                    triples.add(((a * FACTORS + b) * FACTORS + c) * 8 + values);
                }
            }
        }
        return triples;
    }

    @BeforeAll
    static void generateAndBuildAll() {
        repo = TestRepo.empty(temp);
        allowedSpecs().forEach((name, spec) -> repo.write("overlays/" + name + "/env.yaml", spec));
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        environments = new java.util.TreeMap<>();
        SpecLoader.loadAll(repo.root).forEach(environment -> environments.put(environment.name(), environment));
        Kustomize kustomize = Kustomize.locate(null);
        Parallel.forEach(allowedSpecs().keySet(), name -> builds.put(name,
                RenderedObjects.parse(kustomize.build(repo.path(RepoLayout.overlay(name))))));
    }

    static Stream<String> environments() {
        return allowedSpecs().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void buildsToWhatTheSpecSaysWithEveryReferenceResolved(String name) {
        Environment environment = environments.get(name);
        Map<String, JsonNode> built = builds.get(name);
        assertThat(References.check(built)).as(name + " " + environment.spec().components()).isEmpty();
        Map<String, JsonNode> expected = ExpectedObjects.of(environment);
        assertThat(built.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, object) -> assertThatJson(built.get(key)).as(name + " " + key).isEqualTo(object));
    }

    static Stream<Arguments> forbidden() {
        String hosts = "externalDatabase:\n  host: db.example.com\n  cidr: 10.1.0.0/16\n"
                + "externalRedis:\n  host: redis.example.com\n  cidr: 10.2.0.0/16\n";
        String file = "overlays/bad/env.yaml";
        return Stream.of(
                Arguments.of("no database", "components: [bundled-redis]\n" + hosts,
                        file + ":1:13: components: choose exactly one source for a database: 'bundled-postgres' or"
                                + " 'managed-db'"),
                Arguments.of("two databases", "components: [bundled-postgres, managed-db, bundled-redis]\n" + hosts,
                        file + ":1:13: components: choose exactly one source for a database: 'bundled-postgres' or"
                                + " 'managed-db', not both"),
                Arguments.of("no Redis", "components: [managed-db]\n" + hosts,
                        file + ":1:13: components: choose exactly one source for a Redis: 'bundled-redis' or"
                                + " 'managed-redis'"),
                Arguments.of("two Redis sources", "components: [managed-db, bundled-redis, managed-redis]\n" + hosts,
                        file + ":1:13: components: choose exactly one source for a Redis: 'bundled-redis' or"
                                + " 'managed-redis', not both"),
                Arguments.of("KEDA with the worker's autoscaling off",
                        "components: [managed-db, managed-redis, keda-scaling]\n" + hosts
                                + "celeryWorker:\n  autoscaling:\n    enabled: false\n",
                        file + ":10:14: celeryWorker.autoscaling.enabled: keda-scaling autoscales the worker"
                                + " (between celeryWorker.autoscaling.minReplicas and maxReplicas); false"
                                + " contradicts it"),
                Arguments.of("a managed database without its range under network-policy",
                        "components: [managed-db, bundled-redis, network-policy]\nexternalDatabase:\n"
                                + "  host: db.example.com\n",
                        file + ":3:3: externalDatabase.cidr: with network-policy, give the address range of the"
                                + " database (the egress rule allows exactly it) (this is the default; set"
                                + " externalDatabase.cidr in the spec)"),
                Arguments.of("a managed database without a host",
                        "components: [managed-db, bundled-redis]\n",
                        file + ":1:1: externalDatabase.host: '' is not a valid DNS host name (this is the default;"
                                + " set externalDatabase.host in the spec)"),
                Arguments.of("a component listed twice",
                        "components: [bundled-postgres, bundled-redis, monitoring, monitoring]\n",
                        file + ":1:59: components[3]: 'monitoring' is listed twice"),
                Arguments.of("an unknown component",
                        "components: [bundled-postgres, bundled-redis, network-policies]\n",
                        file + ":1:47: components[2]: expected one of [bundled-postgres, managed-db, bundled-redis,"
                                + " managed-redis, keda-scaling, network-policy, monitoring, external-secrets], got"
                                + " 'network-policies' (did you mean 'network-policy'?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbidden")
    void isRefusedBeforeAnythingIsWritten(String name, String spec, String expected, @TempDir Path dir) {
        TestRepo scratch = FixtureRepository.copyTo(dir);
        scratch.write("overlays/bad/env.yaml", spec);
        Map<String, String> before = scratch.snapshot();
        TestRepo.Result result = scratch.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err().lines()).contains(expected);
        assertThat(scratch.snapshot()).isEqualTo(before);
    }

    @Test
    void theCoveringSetHasEveryThreeComponentsInEveryCombination() {
        List<Integer> masks = coveringMasks();
        assertThat(masks).hasSizeLessThanOrEqualTo(16).doesNotHaveDuplicates();
        for (int a = 0; a < FACTORS; a++) {
            for (int b = a + 1; b < FACTORS; b++) {
                for (int c = b + 1; c < FACTORS; c++) {
                    java.util.Set<Integer> seen = new java.util.TreeSet<>();
                    for (int mask : masks) {
                        seen.add((mask >> a & 1) | (mask >> b & 1) << 1 | (mask >> c & 1) << 2);
                    }
                    assertThat(seen).as("factors %d, %d, %d", a, b, c).hasSize(8);
                }
            }
        }
        assertThat(builds).hasSize(allowedSpecs().size());
    }
}
