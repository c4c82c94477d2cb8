package dev.codestory.gitops.controllers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/** clusters/ read back into typed models, and the migration gate of both flavours. */
class ControllersTest {

    private static final ObjectMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record Metadata(String name, String namespace, List<String> finalizers, Map<String, String> labels) {
    }

    record Source(String repoURL, String targetRevision, String path) {
    }

    record Destination(String server, String namespace) {
    }

    record Automated(boolean prune, boolean selfHeal) {
    }

    @JsonIgnoreProperties({"retry"})
    record SyncPolicy(Automated automated, List<String> syncOptions) {
    }

    record ApplicationSpec(String project, Source source, Destination destination, SyncPolicy syncPolicy) {
    }

    record Application(String apiVersion, String kind, Metadata metadata, ApplicationSpec spec) {
    }

    record Reference(String name) {
    }

    record SourceRef(String kind, String name) {
    }

    record FluxSpec(String interval, String retryInterval, String path, boolean prune, boolean suspend,
                    SourceRef sourceRef, String deletionPolicy,
                    @com.fasterxml.jackson.annotation.JsonProperty("wait") Boolean waitForReady, String timeout,
                    List<Reference> dependsOn, List<Map<String, String>> healthChecks) {
    }

    record FluxKustomization(String apiVersion, String kind, Metadata metadata, FluxSpec spec) {
    }

    @TempDir
    Path temp;
    TestRepo repo;

    @BeforeEach
    void generate() {
        repo = TestRepo.withFixtureSpecs(temp);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
    }

    private <T> T read(String path, Class<T> type) throws IOException {
        return STRICT.readValue(Files.readString(repo.path(path)), type);
    }

    @Test
    void argoCdApplicationsPointAtTheOverlayAndProtectProd() throws IOException {
        Application staging = read("clusters/argocd/code-story-staging-application.yaml", Application.class);
        assertThat(staging.kind()).isEqualTo("Application");
        assertThat(staging.spec().source().path()).isEqualTo("overlays/staging");
        assertThat(staging.spec().destination()).isEqualTo(new Destination("https://kubernetes.default.svc",
                "code-story-staging"));
        assertThat(staging.spec().syncPolicy().automated()).isEqualTo(new Automated(true, true));
        assertThat(staging.metadata().finalizers()).containsExactly(ArgoCd.FINALIZER);

        Application east = read("clusters/argocd/code-story-prod-us-east-1-application.yaml", Application.class);
        Application west = read("clusters/argocd/code-story-prod-eu-west-1-application.yaml", Application.class);
        assertThat(east.spec().source()).isEqualTo(west.spec().source());
        assertThat(east.spec().source().path()).isEqualTo("overlays/prod");
        assertThat(east.spec().destination().server()).isNotEqualTo(west.spec().destination().server());
        assertThat(east.metadata().finalizers()).isNullOrEmpty();
        assertThat(repo.path("clusters/argocd/code-story-dev-application.yaml")).doesNotExist();

        JsonNode project = STRICT.readTree(Files.readString(repo.path("clusters/argocd/code-story-appproject.yaml")));
        assertThat(project.at("/spec/destinations").findValuesAsText("namespace")).containsOnly("code-story-staging",
                "code-story-prod");
        assertThat(project.at("/spec/sourceRepos/0").asText()).isEqualTo(staging.spec().source().repoURL());
    }

    @Test
    void fluxRunsTheMigrationFirstAndWaitsForIt() throws IOException {
        FluxKustomization migrate = read("clusters/flux/dev/code-story-dev-migrate-kustomization.yaml",
                FluxKustomization.class);
        FluxKustomization app = read("clusters/flux/dev/code-story-dev-kustomization.yaml", FluxKustomization.class);
        assertThat(migrate.spec().path()).isEqualTo("./overlays/dev/migrate");
        assertThat(migrate.spec().waitForReady()).isTrue();
        assertThat(migrate.spec().prune()).isTrue();
        assertThat(app.spec().path()).isEqualTo("./overlays/dev");
        assertThat(app.spec().dependsOn()).containsExactly(new Reference("code-story-dev-migrate"));
        assertThat(app.spec().healthChecks()).extracting(check -> check.get("name"))
                .contains("code-story-api", "code-story-celery-worker");
        assertThat(app.spec().sourceRef()).isEqualTo(new SourceRef("GitRepository", "flux-system"));
        assertThat(migrate.spec().sourceRef()).isEqualTo(new SourceRef("GitRepository", "flux-system"));
        assertThat(repo.path("clusters/flux/dev/code-story-gitrepository.yaml")).doesNotExist();
    }

    @Test
    void fluxFirstInstallHasEverythingTheJobNeedsInTheMigrateUnitAndNothingTwice() {
        Kustomize kustomize = Kustomize.locate(null);
        Map<String, JsonNode> migrate = RenderedObjects.parse(kustomize.build(repo.path("overlays/dev/migrate")));
        Map<String, JsonNode> app = RenderedObjects.parse(kustomize.build(repo.path("overlays/dev")));
        assertThat(migrate.keySet()).anyMatch(key -> key.startsWith("Job/code-story-dev/code-story-migrate-"))
                .contains("Namespace/code-story-dev", "ServiceAccount/code-story-dev/code-story",
                        "ConfigMap/code-story-dev/code-story-config", "StatefulSet/code-story-dev/code-story-postgresql",
                        "Service/code-story-dev/code-story-postgresql");
        assertThat(app.keySet()).noneMatch(migrate::containsKey);
        assertThat(app.keySet()).contains("Deployment/code-story-dev/code-story-api");
        migrate.values().stream().filter(o -> o.path("kind").asText().equals("Job")).forEach(job ->
                assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").isMissingNode()).isTrue());
    }

    @Test
    void argoCdOrdersDatabaseThenMigrationThenAppByWaves() {
        repo.write("overlays/staging/env.yaml", "tier: development\ncomponents: [bundled-postgres, bundled-redis]\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        Map<String, JsonNode> build = RenderedObjects.parse(Kustomize.locate(null).build(repo.path("overlays/staging")));
        int database = wave(build.get("StatefulSet/code-story-staging/code-story-postgresql"));
        int job = build.values().stream().filter(o -> o.path("kind").asText().equals("Job")).mapToInt(
                ControllersTest::wave).findFirst().orElseThrow();
        int api = wave(build.get("Deployment/code-story-staging/code-story-api"));
        assertThat(database).isLessThan(job);
        assertThat(job).isLessThan(api);
        assertThat(build.values()).filteredOn(o -> o.path("kind").asText().equals("Job"))
                .allSatisfy(o -> assertThat(o.at("/spec/ttlSecondsAfterFinished").isMissingNode()).isTrue());
    }

    private static int wave(JsonNode object) {
        return Integer.parseInt(object.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText("0"));
    }

    @Test
    void theMigrationJobsNameFollowsWhatItRunsAndNothingElse() {
        String first = jobFile();
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(jobFile()).isEqualTo(first);
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml").replace("maxReplicas: 20",
                "maxReplicas: 22"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(jobFile()).isEqualTo(first);
        repo.write("overlays/prod/env.yaml", repo.read("overlays/prod/env.yaml").replace("tag: \"1.0.0\"",
                "tag: \"1.0.1\""));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        assertThat(jobFile()).isNotEqualTo(first);
    }

    private String jobFile() {
        return repo.read("overlays/prod/patches/" + "code-story-migrate-da302d81aa-job-name.yaml").lines()
                .filter(line -> line.contains("value:")).findFirst().orElseThrow();
    }

    @Test
    void switchingTheControllerChangesOnlyTheOverlayAndClusters() {
        Map<String, String> before = repo.snapshot();
        repo.write("overlays/staging/env.yaml", repo.read("overlays/staging/env.yaml")
                + "\ngitops:\n  controller: flux\n  clusters:\n    - name: staging\n      server: https://staging.example.com\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        Map<String, String> after = repo.snapshot();
        List<String> changed = new java.util.ArrayList<>();
        for (String path : new java.util.TreeSet<>(java.util.stream.Stream.concat(before.keySet().stream(),
                after.keySet().stream()).toList())) {
            if (!java.util.Objects.equals(before.get(path), after.get(path))) {
                changed.add(path);
            }
        }
        assertThat(changed).allMatch(path -> path.startsWith("overlays/staging/") || path.startsWith("clusters/")
                || path.equals("generated.lock") || path.equals(".regen-cache"));
        assertThat(changed).contains("clusters/argocd/code-story-staging-application.yaml",
                "clusters/flux/staging/code-story-staging-kustomization.yaml", "overlays/staging/migrate/kustomization.yaml");
    }

    @Test
    void fluxEnvironmentsSharingAClusterMustShareTheSource() {
        repo.write("overlays/qa/env.yaml", "tier: development\ncomponents: [bundled-postgres, bundled-redis]\n"
                + "gitops:\n  controller: flux\n  repoURL: https://example.com/other.git\n  secretRef: other-repo\n"
                + "  clusters:\n    - name: dev\n      server: https://kubernetes.default.svc\n");
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("overlays/qa/env.yaml:5:12: gitops.repoURL: Flux on cluster 'dev' already"
                + " syncs the bootstrap GitRepository flux-system for dev; environments sharing a Flux cluster share"
                + " their source");
    }
}
