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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.generate.AppObjects;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/** clusters/ read back into typed models, the migration gate of both flavours, and secondary clusters. */
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

    /** The fixture specs generated once; every test works on a copy. */
    @TempDir
    static Path generated;

    @TempDir
    Path temp;
    TestRepo repo;

    @BeforeAll
    static void generate() {
        assertThat(TestRepo.withFixtureSpecs(generated).run("regen").exitCode()).isEqualTo(Cli.OK);
    }

    @BeforeEach
    void copy() {
        repo = TestRepo.at(generated).copyTo(temp);
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

        // prod's primary cluster syncs the overlay; the other the same without the migration and Celery beat
        Application east = read("clusters/argocd/code-story-prod-us-east-1-application.yaml", Application.class);
        Application west = read("clusters/argocd/code-story-prod-eu-west-1-application.yaml", Application.class);
        assertThat(east.spec().source().path()).isEqualTo("overlays/prod");
        assertThat(west.spec().source().path()).isEqualTo("overlays/prod.secondary");
        assertThat(west.spec().source().repoURL()).isEqualTo(east.spec().source().repoURL());
        assertThat(east.spec().destination().server()).isNotEqualTo(west.spec().destination().server());
        assertThat(east.metadata().finalizers()).isNullOrEmpty();
        assertThat(west.metadata().finalizers()).isNullOrEmpty();
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

    /**
     * Git says {@code suspend} only to pause: a {@code suspend: false} in Git would be applied again over a
     * {@code flux suspend} made during an incident at the next reconciliation of the cluster's files.
     */
    @Test
    void fluxKustomizationsSaySuspendOnlyWhenTheSpecPausesTheEnvironment() throws IOException {
        String app = "clusters/flux/dev/code-story-dev-kustomization.yaml";
        String migrate = "clusters/flux/dev/code-story-dev-migrate-kustomization.yaml";
        assertThat(STRICT.readTree(repo.read(app)).at("/spec").has("suspend")).isFalse();
        assertThat(STRICT.readTree(repo.read(migrate)).at("/spec").has("suspend")).isFalse();

        repo.write("overlays/dev/env.yaml", repo.read("overlays/dev/env.yaml").replace("gitops:\n",
                "gitops:\n  automated: false\n"));
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);

        assertThat(read(app, FluxKustomization.class).spec().suspend()).isTrue();
        assertThat(read(migrate, FluxKustomization.class).spec().suspend()).isTrue();
    }

    @Test
    void fluxFirstInstallHasEverythingTheJobNeedsInTheMigrateUnitAndNothingTwice() {
        Kustomize kustomize = Kustomize.locate(null);
        Map<String, JsonNode> migrate = RenderedObjects.parse(kustomize.build(repo.path("overlays/dev/migrate")));
        Map<String, JsonNode> app = RenderedObjects.parse(kustomize.build(repo.path("overlays/dev")));
        assertThat(migrate.keySet()).contains("Job/code-story-dev/code-story-migrate", "Namespace/code-story-dev",
                "ServiceAccount/code-story-dev/code-story", "ConfigMap/code-story-dev/code-story-config",
                "StatefulSet/code-story-dev/code-story-postgresql", "Service/code-story-dev/code-story-postgresql");
        assertThat(app.keySet()).noneMatch(migrate::containsKey);
        assertThat(app.keySet()).contains("Deployment/code-story-dev/code-story-api");
        // Flux recreates the Job when its template changes; the Namespace survives the removal of the unit
        JsonNode job = migrate.get("Job/code-story-dev/code-story-migrate");
        assertThat(job.at("/metadata/annotations")).isEqualTo(STRICT.createObjectNode()
                .put("kustomize.toolkit.fluxcd.io/force", "enabled"));
        assertThat(migrate.get("Namespace/code-story-dev").at("/metadata/annotations")).isEqualTo(STRICT
                .createObjectNode().put("kustomize.toolkit.fluxcd.io/prune", "disabled"));
    }

    @Test
    void argoCdOrdersPrerequisitesThenDatabaseThenMigrationThenAppByWaves() {
        repo.write("overlays/staging/env.yaml", "tier: development\ncomponents: [bundled-postgres, bundled-redis]\n");
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        Map<String, JsonNode> build = RenderedObjects.parse(Kustomize.locate(null).build(repo.path("overlays/staging")));
        String ns = "code-story-staging/";
        int prerequisites = wave(build.get("ServiceAccount/" + ns + "code-story"));
        assertThat(List.of(wave(build.get("Namespace/code-story-staging")), wave(build.get("ConfigMap/" + ns
                + "code-story-config")), wave(build.get("ConfigMap/" + ns + "code-story-database"))))
                .containsOnly(prerequisites);
        int database = wave(build.get("StatefulSet/" + ns + "code-story-postgresql"));
        JsonNode job = build.get("Job/" + ns + "code-story-migrate");
        int api = wave(build.get("Deployment/" + ns + "code-story-api"));
        assertThat(prerequisites).isLessThan(database);
        assertThat(database).isLessThan(wave(job));
        assertThat(wave(job)).isLessThan(api);
        assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1hook").asText()).isEqualTo("Sync");
        assertThat(job.at("/metadata/annotations/argocd.argoproj.io~1hook-delete-policy").asText())
                .isEqualTo("BeforeHookCreation");
        assertThat(job.at("/spec/ttlSecondsAfterFinished").isMissingNode()).isTrue();
    }

    private static int wave(JsonNode object) {
        return Integer.parseInt(object.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText("0"));
    }

    @Test
    void theMigrationJobKeepsItsNameAndArgoCdSeesAChangeToItAlone() {
        String prod = repo.read("overlays/prod/env.yaml");
        Map<String, String> release = migration(prod);
        assertThat(release).containsEntry("name", "code-story-migrate").containsEntry("attempt", "1");
        // a new version changes images: (and with it the Deployments), never the Job's name or the checksum
        assertThat(migration(prod.replace("tag: \"1.0.0\"", "tag: \"1.0.1\""))).isEqualTo(release);
        // a change to the Job alone changes the checksum on the ConfigMap Argo CD compares, which starts a sync
        Map<String, String> retried = migration(prod + "\nmigration:\n  attempt: 2\n");
        assertThat(retried).containsEntry("name", "code-story-migrate").containsEntry("attempt", "2");
        assertThat(retried.get("checksum")).isNotEqualTo(release.get("checksum"));
        assertThat(migration(prod + "\nmigration:\n  command: [alembic, upgrade, heads]\n").get("checksum"))
                .isNotEqualTo(release.get("checksum"));
    }

    /** prod's migration Job name, attempt, and the checksum of it on the ConfigMap, for a spec text. */
    private Map<String, String> migration(String prodSpec) {
        repo.write("overlays/prod/env.yaml", prodSpec);
        Environment prod = SpecLoader.loadAll(repo.root).stream().filter(e -> e.name().equals("prod")).findFirst()
                .orElseThrow();
        List<HasMetadata> objects = AppObjects.build(prod);
        HasMetadata job = objects.stream().filter(o -> o.getKind().equals("Job")).findFirst().orElseThrow();
        HasMetadata config = objects.stream().filter(o -> o.getKind().equals("ConfigMap")
                && o.getMetadata().getName().equals("code-story-config")).findFirst().orElseThrow();
        return Map.of("name", job.getMetadata().getName(), "attempt", ((Job) job).getSpec().getTemplate()
                .getMetadata().getAnnotations().get(MigrationJob.ATTEMPT), "checksum", config.getMetadata()
                .getAnnotations().get(MigrationJob.CHECKSUM));
    }

    @Test
    void secondaryClustersRunNeitherTheMigrationNorCeleryBeatAndWaitForThePrimarysMigration() throws IOException {
        repo.write("overlays/staging/env.yaml", repo.read("overlays/staging/env.yaml") + """

                gitops:
                  controller: flux
                  clusters:
                    - name: staging-a
                      server: https://a.example.com
                    - name: staging-b
                      server: https://b.example.com
                  primaryCluster: staging-a
                """);
        assertThat(repo.run("regen").exitCode()).isEqualTo(Cli.OK);
        Kustomize kustomize = Kustomize.locate(null);
        Map<String, JsonNode> prod = RenderedObjects.parse(kustomize.build(repo.path("overlays/prod")));
        Map<String, JsonNode> prodSecondary = RenderedObjects.parse(kustomize.build(repo.path("overlays/prod.secondary")));
        Map<String, JsonNode> expected = new java.util.TreeMap<>(prod);
        expected.keySet().removeAll(List.of("Job/code-story-prod/code-story-migrate",
                "Deployment/code-story-prod/code-story-celery-beat"));
        String wait = "Job/code-story-prod/" + MigrationWait.NAME;
        assertThat(prodSecondary.keySet()).containsAll(expected.keySet()).contains(wait).hasSize(expected.size() + 1);
        expected.forEach((key, object) -> assertThat(prodSecondary.get(key)).as(key).isEqualTo(object));
        assertWaitsForTheMigration(prodSecondary.get(wait), prod.get("Job/code-story-prod/code-story-migrate"));

        FluxKustomization migrate = read("clusters/flux/staging-b/code-story-staging-migrate-kustomization.yaml",
                FluxKustomization.class);
        FluxKustomization app = read("clusters/flux/staging-b/code-story-staging-kustomization.yaml",
                FluxKustomization.class);
        assertThat(migrate.spec().path()).isEqualTo("./overlays/staging.secondary/migrate");
        assertThat(app.spec().path()).isEqualTo("./overlays/staging.secondary");
        assertThat(app.spec().healthChecks()).extracting(check -> check.get("name"))
                .doesNotContain("code-story-celery-beat").contains("code-story-api");
        assertThat(read("clusters/flux/staging-a/code-story-staging-migrate-kustomization.yaml",
                FluxKustomization.class).spec().path()).isEqualTo("./overlays/staging/migrate");
        Map<String, JsonNode> stagingMigrate = RenderedObjects.parse(kustomize.build(repo.path(
                "overlays/staging/migrate")));
        Map<String, JsonNode> secondaryMigrate = RenderedObjects.parse(kustomize.build(repo.path(
                "overlays/staging.secondary/migrate")));
        assertThat(secondaryMigrate.keySet())
                .contains("Namespace/code-story-staging", "ServiceAccount/code-story-staging/code-story")
                .filteredOn(key -> key.startsWith("Job/"))
                .containsExactly("Job/code-story-staging/" + MigrationWait.NAME);
        assertWaitsForTheMigration(secondaryMigrate.get("Job/code-story-staging/" + MigrationWait.NAME),
                stagingMigrate.get("Job/code-story-staging/code-story-migrate"));
    }

    /**
     * A secondary cluster's waiter is the primary's migration Job (image, configuration, controller markers) with
     * its own name and component, the wait command, and a deadline covering every attempt of the migration.
     */
    private static void assertWaitsForTheMigration(JsonNode wait, JsonNode migration) {
        assertThat(wait.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("migration-wait");
        assertThat(wait.at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText())
                .isEqualTo("migration-wait");
        assertThat(wait.at("/spec/template/spec/containers/0/command/2").asText())
                .startsWith("until alembic current --check-heads;");
        assertThat(wait.at("/spec/activeDeadlineSeconds").asLong())
                .isEqualTo(migration.at("/spec/activeDeadlineSeconds").asLong()
                        * (migration.at("/spec/backoffLimit").asLong() + 1));
        assertThat(wait.at("/metadata/annotations")).isEqualTo(migration.at("/metadata/annotations"));
        assertThat(wait.at("/spec/template/spec/containers/0/image"))
                .isEqualTo(migration.at("/spec/template/spec/containers/0/image"));
        assertThat(wait.at("/spec/template/spec/containers/0/envFrom"))
                .isEqualTo(migration.at("/spec/template/spec/containers/0/envFrom"));
        assertThat(wait.at("/spec/template/spec/serviceAccountName"))
                .isEqualTo(migration.at("/spec/template/spec/serviceAccountName"));
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
