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
 * Spec values meant to break the tool or slip through it: wrong-typed affinities, tolerations Kubernetes refuses,
 * addresses where names go, paths in image names, namespaces that are not the environment's, labels that replace
 * the app's own, secrets in keys and in forms the scan used to miss, and values far longer than any field. Each
 * is refused with one named message (exit code 2, no stack trace, no file changed), and a secret is never
 * repeated by any message.
 */
class HostileSpecTest {

    private static final String DEV = "overlays/dev/env.yaml";
    private static final String HEX64 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
            + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    private static final String GITHUB_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    @TempDir
    static Path temp;
    static TestRepo repo;
    static Map<String, String> generated;

    @BeforeAll
    static void generateOnce() {
        repo = FixtureRepository.copyTo(temp);
        generated = repo.snapshot();
    }

    static Stream<Arguments> hostileSpecs() {
        String api = "tier: development\napi:\n";
        return Stream.of(
                Arguments.of("an affinity of the wrong type", api + "  affinity: {nodeAffinity: 5}\n",
                        DEV + ":3:28: api.affinity.nodeAffinity: expected a mapping, got '5'"),
                Arguments.of("a weight that is no number", api + "  affinity:\n    podAntiAffinity:\n"
                                + "      preferredDuringSchedulingIgnoredDuringExecution:\n        - weight: heavy\n"
                                + "          podAffinityTerm: {topologyKey: kubernetes.io/hostname}\n",
                        "api.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight:"
                                + " expected an integer, got 'heavy'"),
                Arguments.of("a topology key that YAML reads as a number", api + "  affinity:\n    podAffinity:\n"
                                + "      requiredDuringSchedulingIgnoredDuringExecution:\n        - topologyKey: 5\n",
                        "api.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey:"
                                + " expected a string, got '5', which YAML reads as a number"),
                Arguments.of("an unknown affinity key", api + "  affinity: {nodeAfinity: {}}\n",
                        DEV + ":3:14: api.affinity.nodeAfinity: unknown key (did you mean 'nodeAffinity'?)"),
                Arguments.of("a weight out of range", api + "  affinity:\n    nodeAffinity:\n"
                                + "      preferredDuringSchedulingIgnoredDuringExecution:\n        - weight: 500\n"
                                + "          preference: {matchExpressions: [{key: zone, operator: Exists}]}\n",
                        "api.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: must"
                                + " be between 1 and 100, got 500"),
                Arguments.of("an unknown node operator", api + "  affinity:\n    nodeAffinity:\n"
                                + "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
                                + "          - matchExpressions: [{key: zone, operator: Near}]\n",
                        "operator: expected one of [In, NotIn, Exists, DoesNotExist, Gt, Lt], got 'Near'"),
                Arguments.of("In without values", api + "  affinity:\n    nodeAffinity:\n"
                                + "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
                                + "          - matchExpressions: [{key: zone, operator: In}]\n",
                        "nodeSelectorTerms[0].matchExpressions[0].values: must name at least one value with"
                                + " operator In or NotIn"),
                Arguments.of("Gt with a word", api + "  affinity:\n    nodeAffinity:\n"
                                + "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
                                + "          - matchExpressions: [{key: cores, operator: Gt, values: [many]}]\n",
                        "matchExpressions[0].values: must be exactly one integer with operator Gt or Lt"),
                Arguments.of("no node selector term", api + "  affinity:\n    nodeAffinity:\n"
                                + "      requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}\n",
                        "nodeSelectorTerms: must have at least one node selector term"),
                Arguments.of("a toleration operator Kubernetes does not have",
                        api + "  tolerations: [{key: gpu, operator: Sometimes}]\n",
                        "api.tolerations[0].operator: 'Sometimes' is not an operator; one of [Equal, Exists]"),
                Arguments.of("a value with Exists", api + "  tolerations: [{key: gpu, operator: Exists, value: x}]\n",
                        "api.tolerations[0].value: must be empty when operator is Exists"),
                Arguments.of("tolerationSeconds without NoExecute",
                        api + "  tolerations: [{key: gpu, operator: Exists, effect: NoSchedule,"
                                + " tolerationSeconds: 30}]\n",
                        "api.tolerations[0].tolerationSeconds: only means something with effect NoExecute"),
                Arguments.of("an unknown taint effect",
                        "tier: development\nceleryWorker:\n  tolerations: [{key: gpu, value: x, effect: Never}]\n",
                        "celeryWorker.tolerations[0].effect: 'Never' is not a taint effect"),
                Arguments.of("no key without Exists", api + "  tolerations: [{value: x}]\n",
                        "api.tolerations[0].operator: must be Exists when key is empty"),
                Arguments.of("an IP address as ingress host",
                        "tier: development\nweb:\n  ingress:\n    hosts: [{host: 10.0.0.1}]\n    tls: []\n",
                        DEV + ":4:20: web.ingress.hosts[0].host: '10.0.0.1' is an IP address; an Ingress host must"
                                + " be a DNS name"),
                Arguments.of("a path in the registry", "tier: development\nglobal:\n  imageRegistry: evil.com/../../x\n",
                        DEV + ":3:18: global.imageRegistry: 'evil.com/../../x' is not a registry host[:port][/path]"),
                Arguments.of("a path in a repository",
                        "tier: development\napi:\n  image:\n    repository: codestory/../api\n",
                        "api.image.repository: 'codestory/../api' is not a valid image repository"),
                Arguments.of("a path in a bundled image", "tier: development\npostgresql:\n  image: ../../x:1\n",
                        "postgresql.image: '../../x:1' is not an image reference"),
                Arguments.of("a system namespace", "tier: development\nnamespace: kube-system\n",
                        DEV + ":2:12: namespace: 'kube-system' is a Kubernetes system namespace"),
                Arguments.of("the default namespace", "tier: development\nnamespace: default\n",
                        "namespace: 'default' is a Kubernetes system namespace"),
                Arguments.of("the controller's namespace", "tier: development\nnamespace: argocd\n",
                        "namespace: 'argocd' is where the GitOps controller runs"),
                Arguments.of("another system's namespace", "tier: development\nnamespace: monitoring\n",
                        "namespace: 'monitoring' is the namespace networkPolicy.prometheusNamespace names for"
                                + " another system"),
                Arguments.of("a label replacing the app's name",
                        "tier: development\nlabels:\n  app.kubernetes.io/name: evil\n",
                        DEV + ":3:27: labels.app.kubernetes.io/name: 'app.kubernetes.io/name' is set by regen"),
                Arguments.of("a 64-hex key in an annotation", "tier: development\napi:\n  ingress:\n    annotations:\n"
                                + "      example.com/key: " + HEX64 + "\n",
                        "api.ingress.annotations.example.com/key: this looks like a secret value"),
                Arguments.of("a 32-hex key", "tier: development\ns3:\n  bucket: " + HEX64.substring(0, 32) + "\n",
                        "s3.bucket: this looks like a secret value"),
                Arguments.of("a JWT in an annotation", "tier: development\nserviceAccount:\n  annotations:\n"
                                + "    example.com/token-for: " + JWT + "\n",
                        "serviceAccount.annotations.example.com/token-for: this looks like a secret value"),
                Arguments.of("URL credentials in upper case",
                        "tier: development\ns3:\n  endpoint: HTTPS://user:pass@minio.local\n",
                        "s3.endpoint: this looks like a secret value"),
                Arguments.of("a label named password", "tier: development\nlabels:\n  password: hunter2\n",
                        DEV + ":3:3: labels.password: a key named like a secret"),
                Arguments.of("an annotation named jwtSecret",
                        "tier: development\nserviceAccount:\n  annotations:\n    jwtSecret: abc\n",
                        "serviceAccount.annotations.jwtSecret: a key named like a secret"),
                Arguments.of("a node selector named password",
                        "tier: development\nceleryWorker:\n  nodeSelector:\n    db-password: x\n",
                        "celeryWorker.nodeSelector.db-password: a key named like a secret"),
                Arguments.of("a token as a label key", "tier: development\nlabels:\n  " + GITHUB_TOKEN + ": x\n",
                        DEV + ":3:3: labels: a key here looks like a secret value"),
                Arguments.of("a 200,000-character label", "tier: development\nlabels:\n  team: " + "a".repeat(200_000)
                                + "\n",
                        "labels.team: '" + "a".repeat(40) + "... (200000 characters)' is not a valid label value"),
                Arguments.of("a 200,000-character endpoint host",
                        "tier: development\ns3:\n  endpoint: https://" + "a".repeat(200_000) + ".example.com\n",
                        "s3.endpoint: 'https://" + "a".repeat(32) + "... (200020 characters)' is not an http(s) URL of a"
                                + " host name or address"),
                Arguments.of("a 200,000-character duration", "tier: development\ncomponents: [bundled-postgres,"
                                + " bundled-redis, monitoring]\nmetrics:\n  serviceMonitor:\n    interval: "
                                + "1s".repeat(100_000) + "\n",
                        "metrics.serviceMonitor.interval: '1s1s1s"),
                Arguments.of("a spec that is one value", GITHUB_TOKEN + "\n",
                        DEV + ":1:1: (document): a spec is a mapping of keys, got a single value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileSpecs")
    void isRefusedWithOneNamedMessageAndNothingChanges(String name, String spec, String expected) {
        String committed = repo.read(DEV);
        repo.write(DEV, spec);
        try {
            Map<String, String> before = repo.snapshot();
            long start = System.nanoTime();
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).contains(expected);
            assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain(GITHUB_TOKEN).doesNotContain(HEX64).doesNotContain(JWT).doesNotContain("user:pass");
            assertThat(result.err().lines()).allMatch(line -> line.length() < 1000);
            assertThat(System.nanoTime() - start).as("seconds").isLessThan(5_000_000_000L);
            assertThat(repo.snapshot()).isEqualTo(before);
        } finally {
            repo.write(DEV, committed);
        }
    }

    @Test
    void anAffinityWithNothingSetIsNoAffinity() {
        String committed = repo.read(DEV);
        repo.write(DEV, committed + "\napi:\n  affinity: {nodeAffinity: null}\n");
        try {
            TestRepo.Result result = repo.run("regen", "--check");
            assertThat(result.err()).doesNotContain("Exception");
            assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.OK);
        } finally {
            repo.write(DEV, committed);
        }
    }

    @Test
    void aTypedAffinityIsWrittenAsKubernetesHasIt() {
        String committed = repo.read(DEV);
        repo.write(DEV, committed + "\napi:\n  affinity:\n    podAntiAffinity:\n"
                + "      preferredDuringSchedulingIgnoredDuringExecution:\n        - weight: 100\n"
                + "          podAffinityTerm:\n            topologyKey: kubernetes.io/hostname\n"
                + "            labelSelector:\n              matchLabels: {app.kubernetes.io/component: api}\n"
                + "  tolerations: [{key: dedicated, operator: Equal, value: api, effect: NoSchedule}]\n");
        try {
            assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
            assertThat(repo.read("overlays/dev/patches/code-story-api-deployment.yaml")).contains(
                    "      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n"
                            + "            - podAffinityTerm:\n                labelSelector:\n"
                            + "                  matchLabels:\n                    app.kubernetes.io/component: api\n"
                            + "                topologyKey: kubernetes.io/hostname\n              weight: 100\n",
                    "      tolerations:\n        - effect: NoSchedule\n          key: dedicated\n"
                            + "          operator: Equal\n          value: api\n");
        } finally {
            repo.write(DEV, committed);
            assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        }
        assertThat(repo.snapshot()).isEqualTo(generated);
    }

    @Test
    void twoEnvironmentsMayNotShareANamespaceOrAnApplicationFile() {
        Map<String, String> before = repo.snapshot();
        repo.write("overlays/prod-us-east-1/env.yaml", "tier: development\n");
        repo.write("overlays/qa/env.yaml", "tier: development\nnamespace: code-story-staging\n");
        try {
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err()).contains("overlays/prod-us-east-1/env.yaml:")
                    .contains("gitops.clusters: the Argo CD Application 'code-story-prod-us-east-1' would be written"
                            + " for prod and for prod-us-east-1")
                    .contains("overlays/staging/env.yaml:").contains("namespace 'code-story-staging' is already qa's")
                    .doesNotContain("Exception");
        } finally {
            TestRepo.delete(repo.path("overlays/prod-us-east-1"));
            TestRepo.delete(repo.path("overlays/qa"));
        }
        assertThat(repo.snapshot()).isEqualTo(before);
    }

    /**
     * A copied spec: its own namespace and Application, but staging's host names on staging's cluster (two
     * Ingresses would claim each), and its managed database and Redis, where each environment would run its
     * migration and Celery beat. Once the copy names hosts and stores of its own, it is accepted. (Hosts from the
     * defaults are placeholders every minimal spec shares: not compared.)
     */
    @Test
    void twoEnvironmentsMayNotShareAHostADatabaseOrARedis() {
        Map<String, String> before = repo.snapshot();
        repo.write("overlays/qa/env.yaml", repo.read("overlays/staging/env.yaml"));
        try {
            TestRepo.Result result = repo.run("regen");
            assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
            assertThat(result.err())
                    .contains("overlays/staging/env.yaml:12:15: api.ingress.hosts[0].host: host"
                            + " 'api.staging.codestory.dev' on the cluster at https://kubernetes.default.svc is"
                            + " already qa's: two Ingresses would claim it")
                    .contains("web.ingress.hosts[0].host: host 'app.staging.codestory.dev' on the cluster at")
                    .contains("overlays/staging/env.yaml:70:9: externalDatabase.host: the database codestory at"
                            + " codestory-staging.xxx.us-east-1.rds.amazonaws.com:5432 is already qa's: each"
                            + " environment would run its migration and Celery beat on it")
                    .contains("externalRedis.host: the Redis at codestory-staging.xxx.cache.amazonaws.com:6379 is"
                            + " already qa's: the environments' Celery would share its queues")
                    .doesNotContain("Exception");
            assertThat(repo.snapshot()).containsAllEntriesOf(before);
            repo.write("overlays/qa/env.yaml", repo.read("overlays/qa/env.yaml").replace("codestory-staging.",
                    "codestory-qa.").replace(".staging.codestory.dev", ".qa.codestory.dev"));
            assertThat(repo.run("regen", "--check").err()).doesNotContain("already");
        } finally {
            TestRepo.delete(repo.path("overlays/qa"));
        }
        assertThat(repo.snapshot()).isEqualTo(before);
    }
}
