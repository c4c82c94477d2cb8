package dev.codestory.gitops.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;
import dev.codestory.gitops.kustomize.GoldenRecorder;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * {@code verify} on a freshly generated repository with its goldens recorded: it passes, and one planted defect
 * of each kind makes it fail with that check's id. The repository is generated once; each test works on a copy.
 */
class VerifyTest {

    private static final Kustomize KUSTOMIZE = Kustomize.locate(null);

    @TempDir
    static Path fresh;

    @TempDir
    Path temp;

    @BeforeAll
    static void generate() {
        TestRepo repo = TestRepo.withCommittedSpecs(fresh);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        record(repo);
    }

    @Test
    void passesOnAFreshRepository() {
        TestRepo.Result result = copy().run("verify");
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(Cli.OK);
        assertThat(result.out()).startsWith("verify: 3 environments, 0 findings (20 checks in ");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void tree_aHandEditedBaseFile() {
        TestRepo repo = copy();
        String file = "base/code-story-api-deployment.yaml";
        repo.write(file, repo.read(file) + "# a note\n");
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("- " + file + ": edited by hand: differs from what regen writes and from"
                + " generated.lock [tree]\n");
        assertThat(checks(result)).containsExactly("tree");
    }

    @Test
    void build_aBrokenKustomization() {
        TestRepo repo = copy();
        repo.write("overlays/dev/kustomization.yaml", "resources:\n  - no-such-file.yaml\n");
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).containsPattern("dev overlays/dev: kustomize build failed: .*no-such-file.yaml.*"
                + " \\[build]\n").doesNotContain(repo.root.toString());
        assertThat(checks(result)).contains("build").doesNotContain("golden", "schema", "policy");
    }

    @Test
    void golden_aChangedValue() {
        TestRepo repo = copy();
        repo.write("rendered/prod.yaml", repo.read("rendered/prod.yaml").replace("minReplicaCount: 5",
                "minReplicaCount: 6"));
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("prod ScaledObject/code-story-celery-worker spec.minReplicaCount: the build"
                + " has 5, the golden file has 6 [golden]\n");
        assertThat(checks(result)).containsExactly("golden");
    }

    @Test
    void golden_aFluxMigrationUnitIsCheckedOnItsOwn() {
        TestRepo repo = copy();
        repo.write("rendered/dev.migrate.yaml", repo.read("rendered/dev.migrate.yaml").replace("backoffLimit: ",
                "backoffLimit: 1"));
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).containsPattern("(?m)^dev\\.migrate Job/code-story-migrate-[0-9a-f]{10}"
                + " spec\\.backoffLimit: the build has [0-9]+, the golden file has 1[0-9]+ \\[golden]\n");
        assertThat(checks(result)).containsExactly("golden");
    }

    @Test
    void golden_aStaleGoldenFile() {
        TestRepo repo = copy();
        repo.write("rendered/qa.yaml", repo.read("rendered/dev.yaml"));
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).startsWith("- rendered/qa.yaml: no environment builds to this golden file; regen --goldens"
                + " removes it [golden]\n");
    }

    @Test
    void schema_unknownFieldsAndWrongTypesFromALocalComponent() {
        TestRepo repo = copy();
        localComponent(repo, "staging", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: code-story-admin
                spec:
                  template:
                    spec:
                      terminationGracePeriodSeconds: "30"
                      containers:
                        - name: admin
                          bogusField: true
                """, """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: code-story-celery-worker
                spec:
                  pollingInterval: "30"
                  fallback:
                    replicas: 2
                """);
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains(
                "staging Deployment/code-story-admin spec.template.spec.terminationGracePeriodSeconds: wrong type: a"
                        + " string where the schema has an integer [schema]\n",
                "staging Deployment/code-story-admin spec.template.spec.containers[admin].bogusField: unknown field:"
                        + " not in the Deployment schema [schema]\n",
                "staging ScaledObject/code-story-celery-worker spec.pollingInterval: wrong type: a string where the"
                        + " schema has an integer [schema]\n",
                "staging ScaledObject/code-story-celery-worker spec.fallback: unknown field: not in the ScaledObject"
                        + " schema [schema]\n");
        assertThat(checks(result)).containsExactly("schema");
    }

    @Test
    void references_aServiceMonitorSelectingNothing() {
        TestRepo repo = copy();
        serviceMonitorSelectingNothing(repo);
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("staging ServiceMonitor/code-story-api spec.selector: selects no Service"
                + " [references]\n");
        assertThat(checks(result)).containsExactly("references");
    }

    @Test
    void references_aWaiverInTheSpecAcceptsTheFindingAndIsListed() {
        TestRepo repo = copy();
        serviceMonitorSelectingNothing(repo);
        repo.write("overlays/staging/env.yaml", repo.read("overlays/staging/env.yaml") + """

                verify:
                  waivers:
                    - check: references
                      resource: ServiceMonitor/code-story-api
                      reason: scraped by a federated Prometheus that selects by another label
                """);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(Cli.OK);
        assertThat(result.out()).contains("federated Prometheus");
    }

    @Test
    void schema_anUnknownFieldInAnArgoCdApplication() {
        TestRepo repo = copy();
        String file = "clusters/argocd/code-story-staging-application.yaml";
        repo.write(file, repo.read(file).replace("  project: code-story", "  project: code-story\n  projekt: typo"));
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(result.out()).contains("clusters Application/code-story-staging spec.projekt:")
                .contains("[schema]");
    }

    @Test
    void aWaiverOfAnUnknownCheckIsASpecError() {
        TestRepo repo = copy();
        repo.write("overlays/staging/env.yaml", repo.read("overlays/staging/env.yaml")
                + "\nverify:\n  waivers:\n    - {check: referencess, resource: Service/x, reason: r}\n");
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("verify.waivers[0].check: 'referencess' is not a check that can be waived")
                .contains("(did you mean 'references'?)");
    }

    @Test
    void policy_noLimitsAndAnUntaggedImageInStaging() {
        TestRepo repo = copy();
        localComponent(repo, "staging", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: code-story-admin
                spec:
                  template:
                    spec:
                      containers:
                        - name: admin
                          image: busybox
                          resources:
                            limits: null
                """);
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        String container = "staging Deployment/code-story-admin spec.template.spec.containers[admin]";
        assertThat(result.out()).contains(
                container + ".resources.limits.cpu: missing: every container needs cpu and memory requests and"
                        + " limits [policy]\n",
                container + ".resources.limits.memory: missing",
                container + ".image: image 'busybox' has no tag, which means latest; only a development tier may"
                        + " run latest [policy]\n");
        assertThat(checks(result)).containsExactly("policy");
    }

    @Test
    void policy_aWaiverWithAReasonAcceptsTheFinding() {
        TestRepo repo = copy();
        localComponent(repo, "staging", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: code-story-admin
                spec:
                  template:
                    spec:
                      containers:
                        - name: admin
                          image: busybox
                """);
        Verification verification = new Verifier(repo.root, KUSTOMIZE)
                .withWaivers(env -> env.name().equals("staging")
                        ? List.of(new Waiver("policy", "Deployment/code-story-admin",
                                "a vendor image we pin elsewhere"))
                        : List.of())
                .verify(() -> SpecLoader.loadAll(repo.root));
        assertThat(verification.clean()).as(verification.findings().toString()).isTrue();
        assertThat(verification.waived()).singleElement().satisfies(waived -> {
            assertThat(waived.finding().field()).isEqualTo("spec.template.spec.containers[admin].image");
            assertThat(waived.waiver().reason()).isEqualTo("a vendor image we pin elsewhere");
        });
    }

    @Test
    void jsonFormatIsOneDocumentForCi() throws IOException {
        TestRepo repo = copy();
        repo.write("rendered/prod.yaml", repo.read("rendered/prod.yaml").replace("minReplicaCount: 5",
                "minReplicaCount: 6"));
        TestRepo.Result result = repo.run("verify", "--format", "json");
        assertThat(result.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        JsonNode document = new ObjectMapper().readTree(result.out());
        assertThat(document.path("findings")).hasSize(1);
        JsonNode finding = document.path("findings").get(0);
        assertThat(finding.path("env").asText()).isEqualTo("prod");
        assertThat(finding.path("resource").asText()).isEqualTo("ScaledObject/code-story-celery-worker");
        assertThat(finding.path("field").asText()).isEqualTo("spec.minReplicaCount");
        assertThat(finding.path("problem").asText()).isEqualTo("the build has 5, the golden file has 6");
        assertThat(finding.path("check").asText()).isEqualTo("golden");
        JsonNode summary = document.path("summary");
        assertThat(summary.path("environments").asInt()).isEqualTo(3);
        assertThat(summary.path("findings").asInt()).isEqualTo(1);
        assertThat(summary.path("checks").asInt()).isEqualTo(20);
        assertThat(summary.path("ok").asBoolean()).isFalse();
        assertThat(document.path("waived")).isEmpty();
    }

    @Test
    void aBadSpecIsBadInput() {
        TestRepo repo = copy();
        repo.write("overlays/prod/env.yaml", "replicaCont: 3\n" + repo.read("overlays/prod/env.yaml"));
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/prod/env.yaml:1:1: replicaCont: unknown key");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aMissingKustomizeIsBadInput() {
        TestRepo.Result result = copy().run("verify", "--kustomize", "no-such-kustomize-anywhere");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("kustomize 'no-such-kustomize-anywhere'").doesNotContain("Exception");
    }

    @Test
    void progressIsReportedAboutTenTimes() {
        assertThat(Stream.iterate(1, n -> n + 1).limit(50).filter(done -> Verifier.reportable(done, 50)))
                .containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50);
        assertThat(Stream.iterate(1, n -> n + 1).limit(3).filter(done -> Verifier.reportable(done, 3)))
                .containsExactly(1, 2, 3);
    }

    /** The check ids of the findings printed, in order, once each. */
    private static List<String> checks(TestRepo.Result result) {
        return result.out().lines().filter(line -> line.endsWith("]"))
                .map(line -> line.substring(line.lastIndexOf('[') + 1, line.length() - 1)).distinct().toList();
    }

    private static void serviceMonitorSelectingNothing(TestRepo repo) {
        localComponent(repo, "staging", """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: code-story-api
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/component: nothing
                """);
    }

    /** Adds patches as the overlay's local/ component, regenerates and records the goldens again. */
    private static void localComponent(TestRepo repo, String environment, String... patches) {
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1alpha1\n"
                + "kind: Component\npatches:\n");
        for (int i = 0; i < patches.length; i++) {
            repo.write("overlays/" + environment + "/local/patch-" + i + ".yaml", patches[i]);
            kustomization.append("  - path: patch-").append(i).append(".yaml\n");
        }
        repo.write("overlays/" + environment + "/local/kustomization.yaml", kustomization.toString());
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        record(repo);
    }

    private static void record(TestRepo repo) {
        GoldenRecorder.record(repo.root, new RepoLayout(repo.root).environments(), KUSTOMIZE);
    }

    private TestRepo copy() {
        try (Stream<Path> files = Files.walk(fresh)) {
            for (Path source : files.toList()) {
                Path target = temp.resolve(fresh.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestRepo.at(temp);
    }
}
