package dev.codestory.gitops.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.kustomize.GoldenRecorder;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} end to end on the fixture repository: it passes as generated; with one defect of each kind
 * planted at once, each check reports its own; and waivers set findings aside. The checks themselves are tested
 * one rule at a time in memory ({@code PolicyCheckTest}, {@code SchemaCheckTest}, ...).
 */
class VerifyTest {

    private static final Kustomize KUSTOMIZE = Kustomize.locate(null);
    private static final String STAGING_ADMIN = "staging Deployment/code-story-admin";

    @TempDir
    static Path defective;

    /** The run on a repository with one defect of each kind. */
    private static TestRepo.Result result;
    private static TestRepo repo;

    @BeforeAll
    static void plantEveryDefectAndVerify() {
        repo = FixtureRepository.copyTo(defective);
        // waivers: prod accepts two findings in its spec, planted through its own component below
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml") + """

                verify:
                  waivers:
                    - check: references
                      resource: ServiceMonitor/code-story-api
                      reason: scraped by a federated Prometheus that selects by another label
                    - check: policy
                      resource: Deployment/code-story-admin
                      reason: a vendor image we pin elsewhere
                """);
        localComponent(repo, "prod", SERVICE_MONITOR_SELECTING_NOTHING, """
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
        // schema, policy, references and lifecycle (main's wave order: the ServiceAccount after the migration Job):
        // through staging's own component, which regen includes
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
                          image: busybox
                          resources:
                            limits: null
                """, """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: code-story-celery-worker
                spec:
                  pollingInterval: "30"
                  fallback:
                    replicas: 2
                """, SERVICE_MONITOR_SELECTING_NOTHING, """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: code-story
                  annotations:
                    argocd.argoproj.io/sync-wave: "0"
                """);
        regenAndRecord(repo);
        // tree: a hand edit of a generated file
        repo.write("base/code-story-api-deployment.yaml", repo.read("base/code-story-api-deployment.yaml")
                + "# a note\n");
        // build: an overlay kustomize refuses (its other checks are skipped; dev's migration unit still builds)
        repo.write("overlays/dev/kustomization.yaml", "resources:\n  - no-such-file.yaml\n");
        // golden: a changed value in an overlay's and in a Flux migration unit's golden, and a stale golden
        repo.write("rendered/prod.yaml", repo.read("rendered/prod.yaml").replace("minReplicaCount: 5",
                "minReplicaCount: 6"));
        repo.write("rendered/dev.migrate.yaml", repo.read("rendered/dev.migrate.yaml").replace("backoffLimit: ",
                "backoffLimit: 1"));
        repo.write("rendered/qa.yaml", repo.read("rendered/dev.yaml"));
        // schema of the controllers' objects
        String application = "clusters/argocd/code-story-staging-application.yaml";
        repo.write(application, repo.read(application).replace("  project: code-story",
                "  project: code-story\n  projekt: typo"));
        result = repo.run("verify");
    }

    @Test
    void passesOnTheGeneratedRepository(@TempDir Path temp) {
        TestRepo.Result clean = FixtureRepository.copyTo(temp).run("verify");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isEqualTo(Cli.OK);
        // dev's Secret is made by hand: listed, not a finding
        assertThat(clean.out()).startsWith("dev needs Secret/code-story-secrets from outside Git before its first sync"
                + " (read by Deployment/code-story-api, Deployment/code-story-celery-beat,"
                + " Deployment/code-story-celery-worker and 3 more)\nverify: 3 environments, 0 findings (27 checks in ");
        assertThat(clean.err()).isEmpty();
    }

    /**
     * {@code flux bootstrap} commits Flux's own files beside the generated ones ({@code clusters/flux/<cluster>/
     * flux-system/}); a team may add its own. They are not regen's, so verify leaves them to their owners.
     */
    @Test
    void filesUnderClustersThatRegenDidNotWriteAreNotItsToCheck(@TempDir Path temp) {
        TestRepo repo = FixtureRepository.copyTo(temp);
        repo.write("clusters/flux/dev/flux-system/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources:\n  - gotk-components.yaml\n  - gotk-sync.yaml\n");
        repo.write("clusters/flux/dev/flux-system/gotk-components.yaml", "apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: ClusterRole\nmetadata:\n  name: crd-controller-flux-system\nrules: []\n");
        repo.write("clusters/flux/dev/flux-system/gotk-sync.yaml", "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                + "kind: Kustomization\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n"
                + "  interval: 10m\n  path: ./clusters/flux/dev\n  prune: true\n"
                + "  sourceRef: {kind: GitRepository, name: flux-system}\n");
        TestRepo.Result result = repo.run("verify");
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(Cli.OK);
        assertThat(result.out()).contains("verify: 3 environments, 0 findings");
    }

    @Test
    void everyCheckReportsItsPlantedDefect() {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Cli.CHECK_FAILED);
        String container = STAGING_ADMIN + " spec.template.spec.containers[admin]";
        assertThat(result.out()).contains(
                "- base/code-story-api-deployment.yaml: edited by hand: differs from what regen writes and from"
                        + " generated.lock [tree]\n",
                "- rendered/qa.yaml: no environment builds to this golden file; regen --goldens removes it"
                        + " [golden]\n",
                "prod ScaledObject/code-story-celery-worker spec.minReplicaCount: the build has 5, the golden file"
                        + " has 6 [golden]\n",
                STAGING_ADMIN + " spec.template.spec.terminationGracePeriodSeconds: wrong type: a string where the"
                        + " schema has an integer [schema]\n",
                container + ".bogusField: unknown field: not in the Deployment schema [schema]\n",
                "staging ScaledObject/code-story-celery-worker spec.pollingInterval: wrong type: a string where the"
                        + " schema has an integer [schema]\n",
                "staging ServiceMonitor/code-story-api spec.selector: selects no Service [references]\n",
                container + ".resources.limits.cpu: missing: every container needs cpu and memory requests and"
                        + " limits [policy]\n",
                container + ".image: image 'busybox' has no tag, which means latest; only a development tier may"
                        + " run latest [policy]\n",
                "clusters Application/code-story-staging spec.projekt:",
                "staging Job/code-story-migrate spec.template.spec.serviceAccountName: needs ServiceAccount/code-story,"
                        + " which Argo CD applies only after it (wave 0; this is in wave -1): on a first install its"
                        + " pods cannot start, so the sync never gets past wave -1 [lifecycle]\n");
        assertThat(result.out()).containsPattern("(?m)^dev\\.migrate Job/code-story-migrate"
                + " spec\\.backoffLimit: the build has [0-9]+, the golden file has 1[0-9]+ \\[golden]\n");
        assertThat(result.out()).containsPattern("dev overlays/dev: kustomize build failed: .*no-such-file.yaml.*"
                + " \\[build]\n").doesNotContain(repo.root.toString());
        assertThat(checks(result)).containsExactlyInAnyOrder("tree", "build", "golden", "schema", "references",
                "policy", "lifecycle");
    }

    @Test
    void waiversInTheSpecSetFindingsAsideAndAreListed() {
        assertThat(result.out()).contains(
                "waived: prod ServiceMonitor/code-story-api spec.selector: selects no Service [references] (scraped"
                        + " by a federated Prometheus that selects by another label)\n",
                "waived: prod Deployment/code-story-admin spec.template.spec.containers[admin].image: image 'busybox'"
                        + " has no tag, which means latest; only a development tier may run latest [policy] (a vendor"
                        + " image we pin elsewhere)\n");
        assertThat(result.out()).doesNotContain("\nprod ServiceMonitor/code-story-api")
                .doesNotContain("\nprod Deployment/code-story-admin");
        long waived = result.out().lines().filter(line -> line.startsWith("waived: ")).count();
        assertThat(result.out().lines().filter(line -> line.startsWith("verify: "))).singleElement().asString()
                .contains(", " + waived + " waived (");
    }

    @Test
    void aWaiverOfAnUnknownCheckIsASpecError(@TempDir Path temp) {
        TestRepo bad = TestRepo.withFixtureSpecs(temp);
        bad.write("overlays/staging/env.yaml", bad.read("overlays/staging/env.yaml")
                + "\nverify:\n  waivers:\n    - {check: referencess, resource: Service/x, reason: r}\n");
        TestRepo.Result run = bad.run("verify");
        assertThat(run.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.err()).contains("verify.waivers[0].check: 'referencess' is not a check that can be waived")
                .contains("(did you mean 'references'?)");
    }

    @Test
    void aBadSpecIsBadInput(@TempDir Path temp) {
        TestRepo bad = TestRepo.withFixtureSpecs(temp);
        bad.write("overlays/prod/env.yaml", "replicaCont: 3\n" + bad.read("overlays/prod/env.yaml"));
        TestRepo.Result run = bad.run("verify");
        assertThat(run.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.err()).contains("overlays/prod/env.yaml:1:1: replicaCont: unknown key");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingKustomizeIsBadInput(@TempDir Path temp) {
        TestRepo.Result run = TestRepo.withFixtureSpecs(temp).run("verify", "--kustomize",
                "no-such-kustomize-anywhere");
        assertThat(run.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.err()).contains("kustomize 'no-such-kustomize-anywhere'").doesNotContain("Exception");
    }

    @Test
    void progressIsReportedAboutTenTimes() {
        assertThat(Stream.iterate(1, n -> n + 1).limit(50).filter(done -> Verifier.reportable(done, 50)))
                .containsExactly(5, 10, 15, 20, 25, 30, 35, 40, 45, 50);
        assertThat(Stream.iterate(1, n -> n + 1).limit(3).filter(done -> Verifier.reportable(done, 3)))
                .containsExactly(1, 2, 3);
    }

    private static final String SERVICE_MONITOR_SELECTING_NOTHING = """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: code-story-api
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/component: nothing
            """;

    /** The check ids of the findings printed, in order, once each. */
    private static List<String> checks(TestRepo.Result result) {
        return result.out().lines().filter(line -> line.endsWith("]"))
                .map(line -> line.substring(line.lastIndexOf('[') + 1, line.length() - 1)).distinct().toList();
    }

    /** Adds patches as the overlay's local/ component (regen and the goldens follow once all are in). */
    private static void localComponent(TestRepo repo, String environment, String... patches) {
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1alpha1\n"
                + "kind: Component\npatches:\n");
        for (int i = 0; i < patches.length; i++) {
            repo.write("overlays/" + environment + "/local/patch-" + i + ".yaml", patches[i]);
            kustomization.append("  - path: patch-").append(i).append(".yaml\n");
        }
        repo.write("overlays/" + environment + "/local/kustomization.yaml", kustomization.toString());
    }

    private static void regenAndRecord(TestRepo repo) {
        TestRepo.Result regen = repo.run("regen");
        assertThat(regen.exitCode()).as(regen.err()).isEqualTo(Cli.OK);
        GoldenRecorder.record(repo.root, new RepoLayout(repo.root).environments(), KUSTOMIZE);
    }
}
