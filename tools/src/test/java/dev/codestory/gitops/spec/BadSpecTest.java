package dev.codestory.gitops.spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of bad input: exit code 2, one {@code file:line:col: field: message} line per problem, no stack
 * trace, and not one file changed.
 */
class BadSpecTest {

    private static final String DEV = "overlays/dev/env.yaml";
    private static final String DEV_IMAGES = "overlays/dev/images/kustomization.yaml";
    private static final String TWO_CLUSTERS = "gitops:\n  clusters:\n    - {name: a, server: https://a.example.com}\n"
            + "    - {name: b, server: https://b.example.com}\n";

    @TempDir
    static Path temp;
    static TestRepo repo;
    static Map<String, String> generated;

    @BeforeAll
    static void generateOnce() {
        repo = FixtureRepository.copyTo(temp);
        generated = repo.snapshot();
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("a required key left without a value", "tier: development\napi:\n  autoscaling:\n"
                                + "    maxReplicas:\n",
                        DEV + ":4:5: api.autoscaling.maxReplicas: has no value: a key left empty removes its default,"
                                + " and this one is required; give it a value, or delete the line to keep the default"),
                Arguments.of("an empty spec (a truncated save)", "",
                        DEV + ":1:1: tier: the spec is empty; name at least the environment's tier (development,"
                                + " staging or production): every other key has a default"),
                Arguments.of("a spec of comments only", "# to do\n",
                        DEV + ":1:1: tier: the spec is empty; name at least the environment's tier (development,"
                                + " staging or production): every other key has a default"),
                Arguments.of("unknown key, with a suggestion",
                        "tier: development\napi:\n  replicaCont: 3\n",
                        DEV + ":3:3: api.replicaCont: unknown key (did you mean 'replicaCount'?)"),
                Arguments.of("wrong type",
                        "tier: development\napi:\n  autoscaling:\n    maxReplicas: ten\n",
                        DEV + ":4:18: api.autoscaling.maxReplicas: expected an integer, got 'ten'"),
                Arguments.of("YAML 1.1 boolean look-alike",
                        "tier: development\nweb:\n  enabled: yes\n",
                        DEV + ":3:12: web.enabled: expected true or false, got 'yes'"),
                Arguments.of("unknown enum value",
                        "tier: dev\n",
                        DEV + ":1:7: tier: expected one of [development, staging, production], got 'dev'"),
                Arguments.of("min above max replicas",
                        "tier: development\nceleryWorker:\n  autoscaling:\n    minReplicas: 30\n",
                        DEV + ":4:18: celeryWorker.autoscaling.minReplicas: minReplicas 30 is above maxReplicas 20"
                                + " (the default); raise maxReplicas too"),
                Arguments.of("max below min replicas",
                        "tier: development\napi:\n  autoscaling:\n    maxReplicas: 1\n",
                        DEV + ":4:18: api.autoscaling.maxReplicas: maxReplicas 1 is below minReplicas 2"),
                Arguments.of("requests above limits",
                        "tier: development\napi:\n  resources:\n    requests:\n      memory: 3Gi\n",
                        DEV + ":5:15: api.resources.requests.memory: request 3Gi exceeds the limit 2Gi"),
                Arguments.of("negative count",
                        "tier: development\nweb:\n  replicaCount: -2\n",
                        DEV + ":3:17: web.replicaCount: must not be negative, got -2"),
                Arguments.of("invalid quantity",
                        "tier: development\napi:\n  resources:\n    limits:\n      cpu: 2 cores\n",
                        DEV + ":5:12: api.resources.limits.cpu: '2 cores' is not a Kubernetes quantity"
                                + " (e.g. 250m, 1.5, 512Mi, 2Gi)"),
                Arguments.of("invalid host name",
                        "tier: development\nweb:\n  ingress:\n    hosts:\n      - host: app_codestory.dev\n"
                                + "    tls: []\n",
                        DEV + ":5:15: web.ingress.hosts[0].host: 'app_codestory.dev' is not a valid DNS host name"),
                Arguments.of("invalid CIDR",
                        "tier: development\nadmin:\n  ingress:\n    allowedSourceRanges: [10.0.0.0/33]\n",
                        DEV + ":4:27: admin.ingress.allowedSourceRanges[0]: '10.0.0.0/33' is not a CIDR"
                                + " (e.g. 10.0.0.0/8)"),
                Arguments.of("invalid DNS-1123 name",
                        "tier: development\nnamespace: Code_Story\n",
                        DEV + ":2:12: namespace: 'Code_Story' is not a valid DNS-1123 label (at most 63 lower-case"
                                + " letters, digits and '-')"),
                Arguments.of("latest outside dev, where the images file sets it",
                        "tier: staging\napi:\n  image:\n    tag: \"1.0.0\"\n",
                        DEV_IMAGES + ":10:13: images: codestory/api: 'latest' is refused outside tier development:"
                                + " pin a version tag or a digest"),
                Arguments.of("YAML syntax error",
                        "tier: development\napi:\n  image: [unclosed\n",
                        DEV + ":4:1: (document): YAML syntax error: expected ',' or ']', but got <stream end>"),
                Arguments.of("duplicate key",
                        "tier: development\ns3:\n  bucket: one-bucket\n  bucket: two-bucket\n",
                        DEV + ":4:3: s3.bucket: duplicate key (first written at line 3)"),
                Arguments.of("secret value under a known key",
                        "tier: development\ns3:\n  endpoint: https://minio:hunter2@minio.local\n",
                        DEV + ":3:13: s3.endpoint: this looks like a secret value; secrets never go in a spec"
                                + " (see README, 'Secrets')"),
                Arguments.of("secret value under the seed's key",
                        "tier: development\nsecrets:\n  githubToken: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n",
                        DEV + ":2:1: secrets: secret values never go in a spec; the app reads them from the Secret"
                                + " 'code-story-secrets' (see README, 'Secrets')"),
                Arguments.of("secret value in an annotation",
                        "tier: development\napi:\n  ingress:\n    annotations:\n      example.com/key:"
                                + " AKIAIOSFODNN7EXAMPLE\n",
                        DEV + ":5:24: api.ingress.annotations.example.com/key: this looks like a secret value;"
                                + " secrets never go in a spec (see README, 'Secrets')"),
                Arguments.of("clusters sharing a database without a primary",
                        "tier: development\ncomponents: [managed-db, bundled-redis]\nexternalDatabase:\n"
                                + "  host: db.example.com\n" + TWO_CLUSTERS,
                        DEV + ":6:3: gitops.primaryCluster: 2 clusters [a, b] share the database at db.example.com:"
                                + " name the one that runs the migration and Celery beat (the others run neither; two"
                                + " would run every periodic task twice and migrate the database twice at once) (this"
                                + " is the default; set gitops.primaryCluster in the spec)"),
                Arguments.of("a primary that is not a cluster",
                        "tier: development\ncomponents: [managed-db, bundled-redis]\nexternalDatabase:\n"
                                + "  host: db.example.com\n" + TWO_CLUSTERS + "  primaryCluster: c\n",
                        DEV + ":9:19: gitops.primaryCluster: 'c' is not one of gitops.clusters [a, b]"),
                Arguments.of("a primary beside bundled stores",
                        "tier: development\n" + TWO_CLUSTERS + "  primaryCluster: a\n",
                        DEV + ":6:19: gitops.primaryCluster: each of the 2 clusters has its own bundled database and"
                                + " Redis, so each must run its own migration and beat; remove gitops.primaryCluster"),
                Arguments.of("bundled databases sharing one broker",
                        "tier: development\ncomponents: [bundled-postgres, managed-redis]\nexternalRedis:\n"
                                + "  host: redis.example.com\n" + TWO_CLUSTERS,
                        DEV + ":2:13: components: on 2 clusters, bundled-postgres gives each its own database while"
                                + " managed-redis gives them one broker: a task queued by one cluster would run against"
                                + " another's database; use managed-db, or bundled-redis"),
                Arguments.of("a migration attempt below 1",
                        "tier: development\nmigration:\n  attempt: 0\n",
                        DEV + ":3:12: migration.attempt: must be at least 1, got 0"),
                Arguments.of("not a mapping",
                        "- tier\n",
                        DEV + ":1:1: (document): a spec is a mapping of keys, got a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void isRefusedWithOneMessageAndNothingChanges(String name, String spec, String expected) {
        String committed = repo.read(DEV);
        repo.write(DEV, spec);
        try {
            Map<String, String> before = repo.snapshot();
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err().lines()).contains(expected);
            assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(repo.snapshot()).isEqualTo(before);
        } finally {
            repo.write(DEV, committed);
        }
        assertThat(repo.snapshot()).isEqualTo(generated);
    }

    @Test
    void reportsEveryProblemOfAFileNotOnlyTheFirst() {
        String committed = repo.read(DEV);
        repo.write(DEV, "tier: staging\nnamespace: A\napi:\n  replicaCount: -1\n");
        try {
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).contains(DEV + ":2:12: namespace:").contains(DEV + ":4:17: api.replicaCount:")
                    .contains(DEV_IMAGES + ":12:13: images: codestory/web: 'latest' is refused");
        } finally {
            repo.write(DEV, committed);
        }
    }

    @Test
    void refusesAnEnvironmentDirectoryThatIsNotADnsLabel() {
        repo.write("overlays/Bad_Env/env.yaml", "tier: development\n");
        try {
            Map<String, String> before = repo.snapshot();
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).contains("overlays/Bad_Env/env.yaml:1:1: (document): environment name 'Bad_Env'");
            assertThat(repo.snapshot()).isEqualTo(before);
        } finally {
            repo.path("overlays/Bad_Env/env.yaml").toFile().delete();
            repo.path("overlays/Bad_Env").toFile().delete();
        }
    }
}
