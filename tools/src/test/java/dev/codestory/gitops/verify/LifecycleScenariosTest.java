package dev.codestory.gitops.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.analysis.lifecycle.Lifecycle;
import dev.codestory.gitops.analysis.lifecycle.SyncUnit;
import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.kustomize.ControllerObjects;
import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.yaml.RenderedObjects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle check on the other shapes the generator makes: dev's spec switched to Argo CD, and staging under
 * Flux on two clusters (one primary). {@code verify} passes on them as generated; each defect the check exists for,
 * planted into their builds or units in memory, is found.
 */
class LifecycleScenariosTest {

    @TempDir
    static Path temp;
    static TestRepo repo;
    static List<SyncUnit> units;
    static TestRepo.Result verify;

    @BeforeAll
    static void generateRecordAndVerify() {
        repo = TestRepo.withFixtureSpecs(temp);
        repo.write("overlays/dev/env.yaml", repo.read("overlays/dev/env.yaml").replace("controller: flux",
                "controller: argocd"));
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
        TestRepo.Result regen = repo.run("regen", "--goldens");
        assertThat(regen.exitCode()).as(regen.err()).isEqualTo(Cli.OK);
        units = SyncUnit.read(ControllerObjects.read(repo.root));
        verify = repo.run("verify");
    }

    @Test
    void verifyPassesOnBothShapes() {
        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(Cli.OK);
        assertThat(verify.out()).contains("verify: 3 environments, 0 findings");
        assertThat(units).filteredOn(unit -> "staging".equals(unit.environment())).extracting(SyncUnit::cluster,
                SyncUnit::name, SyncUnit::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("staging-a", "code-story-staging", "overlays/staging"),
                org.assertj.core.groups.Tuple.tuple("staging-a", "code-story-staging-migrate", "overlays/staging/migrate"),
                org.assertj.core.groups.Tuple.tuple("staging-b", "code-story-staging", "overlays/staging.secondary"),
                org.assertj.core.groups.Tuple.tuple("staging-b", "code-story-staging-migrate",
                        "overlays/staging.secondary/migrate"));
    }

    @Test
    void argoCdDevFindsTheJobAheadOfItsServiceAccount() {
        Map<String, Map<String, JsonNode>> builds = builds("dev");
        edit(builds, "overlays/dev", "ServiceAccount/code-story-dev/code-story", object -> annotate(object,
                "argocd.argoproj.io/sync-wave", "0"));
        // the bundled datastores (wave -2) need it too: the sync would hang before the migration
        String needs = " spec.template.spec.serviceAccountName: needs ServiceAccount/code-story, which Argo CD applies"
                + " only after it (wave 0; this is in wave ";
        assertThat(check("dev", builds)).containsExactlyInAnyOrder(
                "StatefulSet/code-story-postgresql" + needs + "-2): on a first install its pods cannot start, so the"
                        + " sync never gets past wave -2",
                "StatefulSet/code-story-redis" + needs + "-2): on a first install its pods cannot start, so the sync"
                        + " never gets past wave -2",
                "Job/code-story-migrate" + needs + "-1): on a first install its pods cannot start, so the sync never"
                        + " gets past wave -1");
    }

    @Test
    void argoCdDevFindsAJobChangedUnderItsNameWithoutItsHook() {
        Map<String, Map<String, JsonNode>> before = builds("dev");
        Map<String, Map<String, JsonNode>> after = builds("dev");
        edit(before, "overlays/dev", "Job/code-story-dev/code-story-migrate", LifecycleScenariosTest::plainJob);
        edit(after, "overlays/dev", "Job/code-story-dev/code-story-migrate", object -> newImage(plainJob(object)));
        assertThat(transitions("dev", before, after)).singleElement().asString()
                .startsWith("Job/code-story-migrate spec.template: spec.template is immutable: the Job is deleted and"
                        + " recreated only if Argo CD is told to");
        // the Job as generated, a hook with BeforeHookCreation, takes the same bump
        Map<String, Map<String, JsonNode>> bumped = builds("dev");
        edit(bumped, "overlays/dev", "Job/code-story-dev/code-story-migrate", LifecycleScenariosTest::newImage);
        edit(bumped, "overlays/dev", "Deployment/code-story-dev/code-story-api", LifecycleScenariosTest::newImage);
        assertThat(transitions("dev", builds("dev"), bumped)).isEmpty();
    }

    @Test
    void fluxOnTwoClustersFindsTwoBeatsAndTwoMigrationsWhenBothSyncThePrimarysUnits() {
        List<SyncUnit> bothPrimary = units.stream().map(unit -> new SyncUnit(unit.controller(), unit.cluster(),
                unit.name(), unit.path().replace("staging.secondary", "staging"), unit.dependsOn(), unit.prune(),
                unit.keepsOnDeletion(), unit.createdNamespace(), unit.forces())).toList();
        assertThat(Lifecycle.check("staging", false, bothPrimary, builds("staging")).problems())
                .extracting(Lifecycle.Problem::resource).containsExactly("Deployment/code-story-celery-beat",
                        "Job/code-story-migrate");
        assertThat(check("staging", builds("staging"))).isEmpty();
    }

    @Test
    void fluxOnTwoClustersFindsTheMigrateUnitOwningTheAppsNamespace() {
        Map<String, Map<String, JsonNode>> builds = builds("staging");
        for (String unit : List.of("overlays/staging/migrate", "overlays/staging.secondary/migrate")) {
            edit(builds, unit, "Namespace/code-story-staging", object -> {
                ((ObjectNode) object.path("metadata")).remove("annotations");
                return object;
            });
        }
        assertThat(check("staging", builds)).containsExactly("Namespace/code-story-staging: removing Kustomization"
                + " code-story-staging-migrate deletes it and everything in it, what Kustomization code-story-staging"
                + " applied and every volume included; annotate it kustomize.toolkit.fluxcd.io/prune: disabled");
    }

    @Test
    void fluxOnTwoClustersFindsAJobChangedUnderItsNameWithoutForce() {
        Map<String, Map<String, JsonNode>> before = builds("staging");
        Map<String, Map<String, JsonNode>> after = builds("staging");
        UnaryOperator<JsonNode> unforced = object -> {
            ((ObjectNode) object.path("metadata")).remove("annotations");
            return object;
        };
        edit(before, "overlays/staging/migrate", "Job/code-story-staging/code-story-migrate", unforced);
        edit(after, "overlays/staging/migrate", "Job/code-story-staging/code-story-migrate",
                object -> newImage(unforced.apply(object)));
        assertThat(transitions("staging", before, after)).containsExactly("Job/code-story-migrate spec.template:"
                + " spec.template is immutable: the Job is deleted and recreated only if Flux is told to: annotate it"
                + " kustomize.toolkit.fluxcd.io/force: enabled; otherwise the update is refused and the sync fails");
    }

    private static List<String> check(String environment, Map<String, Map<String, JsonNode>> builds) {
        return describe(Lifecycle.check(environment, false, units, builds).problems());
    }

    private static List<String> transitions(String environment, Map<String, Map<String, JsonNode>> before,
                                            Map<String, Map<String, JsonNode>> after) {
        return describe(Lifecycle.transitions(environment, units, before, units, after));
    }

    private static List<String> describe(List<Lifecycle.Problem> problems) {
        List<String> described = new ArrayList<>();
        problems.forEach(p -> described.add(p.resource() + (p.field().isEmpty() ? "" : " " + p.field()) + ": "
                + p.problem()));
        return described;
    }

    /** Each unit directory of an environment and its objects, as its golden file records them (a fresh copy). */
    private static Map<String, Map<String, JsonNode>> builds(String environment) {
        Map<String, Map<String, JsonNode>> builds = new LinkedHashMap<>();
        try {
            for (RepoLayout.Unit unit : new RepoLayout(repo.root).units(environment)) {
                builds.put(unit.directory(), RenderedObjects.parse(Files.readString(Goldens.path(repo.root,
                        unit.name()), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builds;
    }

    private static void edit(Map<String, Map<String, JsonNode>> builds, String unit, String key,
                             UnaryOperator<JsonNode> change) {
        assertThat(builds.get(unit)).containsKey(key);
        builds.get(unit).put(key, change.apply(builds.get(unit).get(key)));
    }

    private static JsonNode annotate(JsonNode object, String key, String value) {
        ((ObjectNode) object.path("metadata")).with("annotations").put(key, value);
        return object;
    }

    private static JsonNode plainJob(JsonNode job) {
        ObjectNode annotations = (ObjectNode) job.path("metadata").path("annotations");
        annotations.remove(List.of("argocd.argoproj.io/hook", "argocd.argoproj.io/hook-delete-policy"));
        return job;
    }

    private static JsonNode newImage(JsonNode object) {
        ((ObjectNode) object.at("/spec/template/spec/containers/0")).put("image", "codestory/api:9.9.9");
        return object;
    }
}
