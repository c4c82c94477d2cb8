package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.spec.EnvSpec.Controller;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle model, one rule at a time, in memory: each row gives the units under {@code clusters/} and what
 * their directories build, next to the problems the model must find (none for the fixed form). The defective rows
 * are the output of the design before this one: the migration Job in a wave before its ServiceAccount, a hashed Job
 * changed under its name by an image bump, two clusters each running beat and the migration on one database, and
 * Flux's migrate unit owning the Namespace the app lives in.
 */
class LifecycleTest {

    private static final String ENV = "x";
    private static final String NS = "code-story-x";
    private static final String OVERLAY = "overlays/x";
    private static final String MIGRATE = "overlays/x/migrate";

    // ---- objects, as a build has them ----

    private static String meta(String kind, String name, String annotations) {
        return "kind: " + kind + "\nmetadata:\n  name: " + name + "\n  namespace: " + NS + "\n  annotations: {"
                + annotations + "}\n  labels: {app.kubernetes.io/component: " + name + "}\n";
    }

    private static String wave(int wave) {
        return "argocd.argoproj.io/sync-wave: '" + wave + "'";
    }

    private static String namespace(String annotations) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NS + "\n  annotations: {" + annotations + "}\n";
    }

    private static String serviceAccount(String annotations) {
        return "apiVersion: v1\n" + meta("ServiceAccount", "code-story", annotations);
    }

    private static String config(String name, String annotations, String data) {
        return "apiVersion: v1\n" + meta("ConfigMap", name, annotations) + "data: {" + data + "}\n";
    }

    private static String database(String host) {
        return config("code-story-database", wave(-3), "DATABASE_HOST: " + host + ", DATABASE_PORT: '5432',"
                + " DATABASE_NAME: codestory");
    }

    private static String externalSecret(String annotations) {
        return "apiVersion: external-secrets.io/v1\n" + meta("ExternalSecret", "code-story-secrets", annotations)
                + "spec: {target: {name: code-story-secrets}}\n";
    }

    private static String podSpec(String image) {
        return "    metadata: {labels: {app: code-story}}\n    spec:\n      serviceAccountName: code-story\n"
                + "      containers:\n        - name: main\n          image: " + image + "\n"
                + "          envFrom: [{configMapRef: {name: code-story-config}}]\n"
                + "          env: [{name: DATABASE_URL, valueFrom: {secretKeyRef: {name: code-story-secrets, key: u}}}]\n";
    }

    private static String job(String name, String annotations, String image) {
        return "apiVersion: batch/v1\n" + meta("Job", name, annotations).replace("component: " + name,
                "component: migration") + "spec:\n  template:\n" + podSpec(image);
    }

    private static String deployment(String name, String annotations, String extraSpec) {
        return "apiVersion: apps/v1\n" + meta("Deployment", name, annotations) + "spec:\n" + extraSpec
                + "  template:\n" + podSpec("api:1");
    }

    /** A secondary cluster's Job that waits for the primary's migration. */
    private static String waiter(String annotations) {
        return job("code-story-migration-wait", annotations, "api:1").replace("component: migration",
                "component: migration-wait");
    }

    private static String beat(int replicas) {
        return deployment("celery-beat", "", "  replicas: " + replicas + "\n");
    }

    private static String policy(String name, String annotations, String podSelector) {
        return "apiVersion: networking.k8s.io/v1\n" + meta("NetworkPolicy", name, annotations)
                + "spec: {podSelector: " + podSelector + "}\n";
    }

    private static final String HOOK = "argocd.argoproj.io/hook: Sync, "
            + "argocd.argoproj.io/hook-delete-policy: BeforeHookCreation";
    private static final String FORCE = "kustomize.toolkit.fluxcd.io/force: enabled";
    private static final String KEEP = "kustomize.toolkit.fluxcd.io/prune: disabled";

    private static Map<String, JsonNode> build(String... objects) {
        return RenderedObjects.parse(String.join("---\n", objects));
    }

    // ---- units, as clusters/ has them ----

    private static SyncUnit argo(String name, String cluster, String path) {
        return new SyncUnit(Controller.ARGOCD, cluster, name, path, List.of(), true, false, null, false);
    }

    private static SyncUnit flux(String name, String path, boolean keepsOnDeletion, String... dependsOn) {
        return new SyncUnit(Controller.FLUX, "dev", name, path, List.of(dependsOn), true, keepsOnDeletion, null, false);
    }

    private static final SyncUnit APP = argo("code-story-x", "in-cluster", OVERLAY);
    private static final SyncUnit RENAMED_APP = argo("code-story-x-a", "in-cluster", OVERLAY);
    private static final String ARGO_NO_PRUNE = "argocd.argoproj.io/sync-options: Prune=false";
    private static final String ARGO_KEEP = "argocd.argoproj.io/sync-options: 'Prune=false,Delete=false'";
    private static final SyncUnit FLUX_MIGRATE = flux("code-story-x-migrate", MIGRATE, false);
    private static final SyncUnit FLUX_APP = flux("code-story-x", OVERLAY, false, "code-story-x-migrate");

    private static Map<String, Map<String, JsonNode>> builds(Object... pathsAndBuilds) {
        Map<String, Map<String, JsonNode>> builds = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndBuilds.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, JsonNode> objects = (Map<String, JsonNode>) pathsAndBuilds[i + 1];
            builds.put((String) pathsAndBuilds[i], objects);
        }
        return builds;
    }

    private static List<String> problems(List<SyncUnit> units, Map<String, Map<String, JsonNode>> builds) {
        return Lifecycle.check(ENV, false, units, builds).problems().stream()
                .map(p -> p.resource() + (p.field().isEmpty() ? "" : " " + p.field()) + ": " + p.problem()).toList();
    }

    // ---- first install ----

    static Stream<Arguments> firstInstall() {
        String prerequisites = namespace(wave(-3)) + "---\n" + serviceAccount(wave(-3)) + "---\n"
                + config("code-story-config", wave(-3), "A: b") + "---\n" + externalSecret(wave(-3));
        String fluxPrerequisites = prerequisites.replace(namespace(wave(-3)), namespace(KEEP));
        return Stream.of(
                Arguments.of("Argo CD: the Job in wave -1, its ServiceAccount and ConfigMap in wave 0 (main)",
                        List.of(APP), builds(OVERLAY, build(namespace(""), serviceAccount(""),
                                config("code-story-config", "", "A: b"), externalSecret(""),
                                job("code-story-migrate-da302d81aa", wave(-1), "api:1"))),
                        List.of("Job/code-story-migrate-da302d81aa spec.template.spec.serviceAccountName: needs"
                                        + " ServiceAccount/code-story, which Argo CD applies only after it (wave 0; this"
                                        + " is in wave -1): on a first install its pods cannot start, so the sync never"
                                        + " gets past wave -1",
                                "Job/code-story-migrate-da302d81aa spec.template.spec.containers[main].envFrom: needs"
                                        + " ConfigMap/code-story-config, which Argo CD applies only after it (wave 0;"
                                        + " this is in wave -1): on a first install its pods cannot start, so the sync"
                                        + " never gets past wave -1",
                                "Job/code-story-migrate-da302d81aa spec.template.spec.containers[main]"
                                        + ".env[DATABASE_URL]: needs Secret/code-story-secrets, which Argo CD applies"
                                        + " only after it (wave 0; this is in wave -1): on a first install its pods"
                                        + " cannot start, so the sync never gets past wave -1")),
                Arguments.of("Argo CD: prerequisites in wave -3, the migration hook in -1, the app in 0",
                        List.of(APP), builds(OVERLAY, build(prerequisites, job("code-story-migrate",
                                HOOK + ", " + wave(-1), "api:1"), deployment("api", "", ""))),
                        List.of()),
                Arguments.of("Argo CD: a PreSync hook runs before every Sync wave",
                        List.of(APP), builds(OVERLAY, build(prerequisites, job("code-story-migrate",
                                "argocd.argoproj.io/hook: PreSync", "api:1"))),
                        List.of("Job/code-story-migrate spec.template.spec.serviceAccountName: needs"
                                        + " ServiceAccount/code-story, which Argo CD applies only after it (wave -3;"
                                        + " this is in PreSync wave 0): on a first install its pods cannot start, so the"
                                        + " sync never gets past PreSync wave 0",
                                "Job/code-story-migrate spec.template.spec.containers[main].envFrom: needs"
                                        + " ConfigMap/code-story-config, which Argo CD applies only after it (wave -3;"
                                        + " this is in PreSync wave 0): on a first install its pods cannot start, so the"
                                        + " sync never gets past PreSync wave 0",
                                "Job/code-story-migrate spec.template.spec.containers[main].env[DATABASE_URL]: needs"
                                        + " Secret/code-story-secrets, which Argo CD applies only after it (wave -3;"
                                        + " this is in PreSync wave 0): on a first install its pods cannot start, so the"
                                        + " sync never gets past PreSync wave 0")),
                Arguments.of("Argo CD: a network policy that selects the Job applied after it",
                        List.of(APP), builds(OVERLAY, build(prerequisites, policy("allow-db", "", "{}"),
                                policy("web-only", wave(-3), "{matchLabels: {app: web}}"),
                                job("code-story-migrate", HOOK + ", " + wave(-1), "api:1"))),
                        List.of("Job/code-story-migrate spec.template.metadata.labels: is selected by"
                                + " NetworkPolicy/allow-db, which Argo CD applies only after it (wave 0; this is in"
                                + " wave -1): its pods run before the policies written for them, so a release that"
                                + " changes a flow they need runs them under the old one")),
                Arguments.of("Flux: the app reads a ConfigMap of the unit it depends on",
                        List.of(FLUX_MIGRATE, FLUX_APP), builds(MIGRATE, build(fluxPrerequisites,
                                job("code-story-migrate", FORCE, "api:1")), OVERLAY, build(deployment("api", "", ""))),
                        List.of()),
                Arguments.of("Flux: the migration reads a ConfigMap of the app's unit, which depends on it",
                        List.of(FLUX_MIGRATE, FLUX_APP), builds(MIGRATE, build(namespace(KEEP), serviceAccount(""),
                                externalSecret(""), job("code-story-migrate", FORCE, "api:1")), OVERLAY,
                                build(config("code-story-config", "", "A: b"), deployment("api", "", ""))),
                        List.of("Job/code-story-migrate spec.template.spec.containers[main].envFrom: needs"
                                + " ConfigMap/code-story-config, which Kustomization code-story-x applies, and"
                                + " Kustomization code-story-x-migrate does not depend on it: on a first install its"
                                + " pods may start before it exists")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstInstall")
    void firstInstall(String name, List<SyncUnit> units, Map<String, Map<String, JsonNode>> builds,
                      List<String> expected) {
        assertThat(problems(units, builds)).containsExactlyElementsOf(expected);
    }

    @Test
    void whatNothingInGitMakesIsAPrerequisiteNotAProblem() {
        Lifecycle.Result result = Lifecycle.check(ENV, false, List.of(FLUX_MIGRATE, FLUX_APP), builds(MIGRATE,
                build(namespace(KEEP), serviceAccount(""), config("code-story-config", "", "A: b"),
                        job("code-story-migrate", FORCE, "api:1")), OVERLAY, build(deployment("api", "", ""))));
        assertThat(result.problems()).isEmpty();
        assertThat(result.prerequisites()).containsExactly(new Lifecycle.Prerequisite("Secret/code-story-secrets",
                List.of("Deployment/api", "Job/code-story-migrate")));
    }

    @Test
    void argoCdsCreateNamespaceMakesTheNamespace() {
        SyncUnit creating = new SyncUnit(Controller.ARGOCD, "in-cluster", "code-story-x", OVERLAY, List.of(), true,
                false, NS, false);
        Map<String, Map<String, JsonNode>> builds = builds(OVERLAY, build(serviceAccount(wave(-3)),
                config("code-story-config", wave(-3), "A: b"), deployment("api", "", "")));
        assertThat(Lifecycle.check(ENV, false, List.of(APP), builds).prerequisites())
                .extracting(Lifecycle.Prerequisite::resource).contains("Namespace/" + NS);
        assertThat(Lifecycle.check(ENV, false, List.of(creating), builds).prerequisites())
                .extracting(Lifecycle.Prerequisite::resource).containsExactly("Secret/code-story-secrets");
    }

    // ---- one writer per shared store ----

    static Stream<Arguments> singleWriters() {
        String east = "https://east.example.com";
        String west = "https://west.example.com";
        Map<String, JsonNode> full = build(database("db.example.com"), beat(1), job("code-story-migrate", HOOK,
                "api:1"));
        Map<String, JsonNode> withoutThem = build(database("db.example.com"), deployment("api", "", ""));
        Map<String, JsonNode> waiting = build(database("db.example.com"), deployment("api", "", ""),
                waiter(HOOK + ", " + wave(-1)));
        Map<String, JsonNode> bundled = build(database("code-story-postgresql"), beat(1), job("code-story-migrate",
                HOOK, "api:1"), "apiVersion: v1\n" + meta("Service", "code-story-postgresql", ""));
        return Stream.of(
                Arguments.of("two clusters syncing one overlay, one managed database (main's prod)",
                        List.of(argo("x-east", east, OVERLAY), argo("x-west", west, OVERLAY)), builds(OVERLAY, full),
                        List.of("Deployment/celery-beat spec.replicas: 2 Celery beat replicas on 2 clusters"
                                        + " (Application x-east; Application x-west) share the database at"
                                        + " db.example.com:5432/codestory: every periodic task is sent once per replica;"
                                        + " one cluster runs them (gitops.primaryCluster), the others none",
                                "Job/code-story-migrate: 2 migrations on 2 clusters (Application x-east; Application"
                                        + " x-west) run against the database at db.example.com:5432/codestory at once;"
                                        + " one cluster runs them (gitops.primaryCluster), the others none")),
                Arguments.of("the second cluster syncs the overlay without beat and the migration, and waits for it",
                        List.of(argo("x-east", east, OVERLAY), argo("x-west", west, OVERLAY + ".secondary")),
                        builds(OVERLAY, full, OVERLAY + ".secondary", waiting), List.of()),
                Arguments.of("the second cluster rolls out at once, onto a schema the release may not have yet",
                        List.of(argo("x-east", east, OVERLAY), argo("x-west", west, OVERLAY + ".secondary")),
                        builds(OVERLAY, full, OVERLAY + ".secondary", withoutThem),
                        List.of("Deployment/api: on Application x-west, it rolls a release out without waiting for"
                                + " the migration on Application x-east (they share the database at"
                                + " db.example.com:5432/codestory): new code on the old schema; run a Job that waits"
                                + " for it (code-story-migration-wait) before the app")),
                Arguments.of("the waiter is there, but not before the app",
                        List.of(argo("x-east", east, OVERLAY), argo("x-west", west, OVERLAY + ".secondary")),
                        builds(OVERLAY, full, OVERLAY + ".secondary", build(database("db.example.com"),
                                deployment("api", wave(-1), ""), waiter(HOOK + ", " + wave(0)))),
                        List.of("Deployment/api: on Application x-west, it rolls a release out without waiting for"
                                + " the migration on Application x-east (they share the database at"
                                + " db.example.com:5432/codestory): new code on the old schema; run a Job that waits"
                                + " for it (code-story-migration-wait) before the app")),
                Arguments.of("each cluster with its own bundled database",
                        List.of(argo("x-east", east, OVERLAY), argo("x-west", west, OVERLAY)),
                        builds(OVERLAY, bundled), List.of()),
                Arguments.of("two beat replicas on one cluster",
                        List.of(APP), builds(OVERLAY, build(database("db.example.com"), beat(2))),
                        List.of("Deployment/celery-beat spec.replicas: 2 Celery beat replicas on one cluster"
                                + " (Application code-story-x) share the database at db.example.com:5432/codestory:"
                                + " every periodic task is sent once per replica; one cluster runs them"
                                + " (gitops.primaryCluster), the others none")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleWriters")
    void oneWriterPerSharedStore(String name, List<SyncUnit> units, Map<String, Map<String, JsonNode>> builds,
                                 List<String> expected) {
        assertThat(problems(units, builds)).containsExactlyElementsOf(expected);
    }

    // ---- ownership ----

    static Stream<Arguments> ownership() {
        String removing = "Namespace/" + NS + ": removing Kustomization code-story-x-migrate deletes it and everything"
                + " in it, what Kustomization code-story-x applied and every volume included; annotate it"
                + " kustomize.toolkit.fluxcd.io/prune: disabled";
        return Stream.of(
                Arguments.of("Flux: the migrate unit owns the Namespace the app lives in (main's dev)", false,
                        List.of(FLUX_MIGRATE, FLUX_APP), build(namespace("")), List.of(removing)),
                Arguments.of("Flux: the Namespace is excluded from pruning", false,
                        List.of(FLUX_MIGRATE, FLUX_APP), build(namespace(KEEP)), List.of()),
                Arguments.of("Flux: the migrate unit orphans what it applied when deleted", false,
                        List.of(flux("code-story-x-migrate", MIGRATE, true), FLUX_APP), build(namespace("")),
                        List.of()),
                Arguments.of("Flux: deletion protection asked for, but the units prune on deletion", true,
                        List.of(FLUX_MIGRATE, FLUX_APP), build(namespace(KEEP)),
                        List.of("Kustomization code-story-x spec.deletionPolicy: the spec asks for deletion"
                                        + " protection, but deleting it deletes everything it applied",
                                "Kustomization code-story-x-migrate spec.deletionPolicy: the spec asks for deletion"
                                        + " protection, but deleting it deletes everything it applied")),
                Arguments.of("Flux: a claim one unit makes and another mounts", false,
                        List.of(FLUX_MIGRATE, FLUX_APP), build(namespace(KEEP), "apiVersion: v1\n"
                                + meta("PersistentVolumeClaim", "data", "") + "spec: {}\n"),
                        List.of("PersistentVolumeClaim/data: removing Kustomization code-story-x-migrate deletes this"
                                + " volume, which Deployment/api of Kustomization code-story-x mounts; annotate it"
                                + " kustomize.toolkit.fluxcd.io/prune: disabled")),
                Arguments.of("Flux: a StatefulSet whose volumes go with it, beside another unit", false,
                        List.of(FLUX_MIGRATE, FLUX_APP), build(namespace(KEEP), "apiVersion: apps/v1\n"
                                + meta("StatefulSet", "postgresql", "") + "spec: {persistentVolumeClaimRetentionPolicy:"
                                + " {whenDeleted: Delete}}\n"),
                        List.of("StatefulSet/postgresql spec.persistentVolumeClaimRetentionPolicy.whenDeleted:"
                                + " removing Kustomization code-story-x-migrate deletes this StatefulSet's volumes"
                                + " while the environment's other units still run")),
                Arguments.of("Argo CD: one Application owns everything in its namespace", false,
                        List.of(APP), null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownership")
    void removingOneUnitLeavesWhatAnotherNeeds(String name, boolean deletionProtection, List<SyncUnit> units,
                                              Map<String, JsonNode> migrate, List<String> expected) {
        String mounts = deployment("api", "", "").replace("      containers:",
                "      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]\n      containers:");
        Map<String, Map<String, JsonNode>> builds = migrate == null
                ? builds(OVERLAY, build(namespace(""), deployment("api", "", "")))
                : builds(MIGRATE, migrate, OVERLAY, build(mounts));
        List<String> found = Lifecycle.check(ENV, deletionProtection, units, builds).problems().stream()
                .map(p -> p.resource() + (p.field().isEmpty() ? "" : " " + p.field()) + ": " + p.problem()).toList();
        assertThat(found).filteredOn(problem -> !problem.contains("needs ")).containsExactlyElementsOf(expected);
    }

    // ---- transitions ----

    static Stream<Arguments> transitions() {
        String prerequisites = namespace(KEEP) + "---\n" + serviceAccount("") + "---\n"
                + config("code-story-config", "", "A: b");
        String unmarked = "spec.template: spec.template is immutable: the Job is deleted and recreated only if ";
        return Stream.of(
                Arguments.of("Argo CD: a bot bumps the image of a plain Job that keeps its name",
                        List.of(APP), build(job("code-story-migrate-da302d81aa", wave(-1), "api:1")),
                        List.of(APP), build(job("code-story-migrate-da302d81aa", wave(-1), "api:2")),
                        List.of("Job/code-story-migrate-da302d81aa " + unmarked + "Argo CD is told to: make it a hook"
                                + " with hook-delete-policy BeforeHookCreation, or give it the sync option Force=true;"
                                + " otherwise the update is refused and the sync fails")),
                Arguments.of("Argo CD: the same bump of a hook with BeforeHookCreation",
                        List.of(APP), build(config("code-story-config", "", "A: b"), job("code-story-migrate", HOOK,
                                "api:1")),
                        List.of(APP), build(config("code-story-config", "", "A: c"), job("code-story-migrate", HOOK,
                                "api:2")),
                        List.of()),
                Arguments.of("Argo CD: a hook deleted only when it succeeds keeps a failed one",
                        List.of(APP), build(config("code-story-config", "", "A: b"), job("code-story-migrate",
                                "argocd.argoproj.io/hook: Sync, argocd.argoproj.io/hook-delete-policy: HookSucceeded",
                                "api:1")),
                        List.of(APP), build(config("code-story-config", "", "A: c"), job("code-story-migrate",
                                "argocd.argoproj.io/hook: Sync, argocd.argoproj.io/hook-delete-policy: HookSucceeded",
                                "api:2")),
                        List.of("Job/code-story-migrate " + unmarked + "Argo CD is told to: make it a hook with"
                                + " hook-delete-policy BeforeHookCreation, or give it the sync option Force=true;"
                                + " otherwise the update is refused and the sync fails")),
                Arguments.of("Argo CD: a plain Job with the sync option Force=true",
                        List.of(APP), build(job("code-story-migrate", "argocd.argoproj.io/sync-options: Force=true",
                                "api:1")),
                        List.of(APP), build(job("code-story-migrate", "argocd.argoproj.io/sync-options: Force=true",
                                "api:2")),
                        List.of()),
                Arguments.of("Argo CD: a new name is a new Job, the old one is pruned",
                        List.of(APP), build(job("code-story-migrate-da302d81aa", wave(-1), "api:1")),
                        List.of(APP), build(job("code-story-migrate-3ccf00cce0", wave(-1), "api:2")),
                        List.of()),
                Arguments.of("Argo CD: a Deployment's selector changes",
                        List.of(APP), build(deployment("api", "", "  selector: {matchLabels: {a: b}}\n")),
                        List.of(APP), build(deployment("api", "", "  selector: {matchLabels: {a: c}}\n")),
                        List.of("Deployment/api spec.selector: spec.selector is immutable: the Deployment is deleted"
                                + " and recreated only if Argo CD is told to: make it a hook with hook-delete-policy"
                                + " BeforeHookCreation, or give it the sync option Force=true; otherwise the update is"
                                + " refused and the sync fails")),
                Arguments.of("Argo CD: only the hook changes, so nothing starts a sync",
                        List.of(APP), build(config("code-story-config", "", "A: b"), job("code-story-migrate", HOOK,
                                "api:1")),
                        List.of(APP), build(config("code-story-config", "", "A: b"), job("code-story-migrate", HOOK,
                                "api:2")),
                        List.of("Job/code-story-migrate: only hooks change in Application code-story-x: Argo CD leaves"
                                + " hooks out of its comparison, so the Application stays Synced and the change waits"
                                + " for another; change something it compares as well")),
                Arguments.of("Flux: a bot bumps the image of a Job without force",
                        List.of(FLUX_MIGRATE, FLUX_APP), build(prerequisites, job("code-story-migrate", "", "api:1")),
                        List.of(FLUX_MIGRATE, FLUX_APP), build(prerequisites, job("code-story-migrate", "", "api:2")),
                        List.of("Job/code-story-migrate " + unmarked + "Flux is told to: annotate it"
                                + " kustomize.toolkit.fluxcd.io/force: enabled; otherwise the update is refused and"
                                + " the sync fails")),
                Arguments.of("Flux: the same bump with force: enabled",
                        List.of(FLUX_MIGRATE, FLUX_APP), build(prerequisites, job("code-story-migrate", FORCE, "api:1")),
                        List.of(FLUX_MIGRATE, FLUX_APP), build(prerequisites, job("code-story-migrate", FORCE, "api:2")),
                        List.of()),
                Arguments.of("Flux: the same bump under a Kustomization with spec.force",
                        List.of(FLUX_MIGRATE, FLUX_APP), build(prerequisites, job("code-story-migrate", "", "api:1")),
                        List.of(new SyncUnit(Controller.FLUX, "dev", "code-story-x-migrate", MIGRATE, List.of(), true,
                                false, null, true), FLUX_APP),
                        build(prerequisites, job("code-story-migrate", "", "api:2")),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void aChangeTheControllerCanCarryOut(String name, List<SyncUnit> baseUnits, Map<String, JsonNode> before,
                                         List<SyncUnit> units, Map<String, JsonNode> after, List<String> expected) {
        String path = units.get(0).path();
        List<String> found = Lifecycle.transitions(ENV, baseUnits, builds(path, before), units, builds(path, after))
                .stream().map(p -> p.resource() + (p.field().isEmpty() ? "" : " " + p.field()) + ": " + p.problem())
                .toList();
        assertThat(found).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> moves() {
        SyncUnit prereqs = flux("code-story-x-prereqs", "overlays/x/prereqs", false);
        SyncUnit migrateAfterPrereqs = flux("code-story-x-migrate", MIGRATE, false, "code-story-x-prereqs");
        String moved = "Namespace/" + NS + ": moves from Kustomization code-story-x-migrate to Kustomization"
                + " code-story-x-prereqs: Kustomization code-story-x-migrate deletes it if it reconciles first, and"
                + " with it everything in it (nothing orders the two); exclude it from pruning in a release before the"
                + " move (kustomize.toolkit.fluxcd.io/prune: disabled)";
        List<SyncUnit> main = List.of(FLUX_MIGRATE, FLUX_APP);
        String renamedAway = "Namespace/" + NS + ": moves from Application code-story-x to Application code-story-x-a:"
                + " Application code-story-x is removed, and deleting it deletes what it applied, and with it"
                + " everything in it (nothing orders the two); keep it on deletion in a release before the move (the"
                + " sync option Delete=false), or remove the Application's resources finalizer first"
                + " (gitops.deletionProtection)";
        return Stream.of(
                Arguments.of("the Namespace moves from the migrate unit to a new one", namespace(""), main, MIGRATE,
                        List.of(prereqs, migrateAfterPrereqs), "overlays/x/prereqs", List.of(moved)),
                Arguments.of("the same, after a release excluded it from pruning", namespace(KEEP), main, MIGRATE,
                        List.of(prereqs, migrateAfterPrereqs), "overlays/x/prereqs", List.of()),
                Arguments.of("the migrate unit is removed and orphans what it applied", namespace(""),
                        List.of(flux("code-story-x-migrate", MIGRATE, true), FLUX_APP), MIGRATE,
                        List.of(flux("code-story-x", OVERLAY, false)), OVERLAY, List.of()),
                Arguments.of("an object moves from the app into the unit the app depends on", namespace(""), main,
                        OVERLAY, main, MIGRATE, List.of()),
                // one cluster becomes two: the Application is renamed, and the old one, removed, is deleted
                Arguments.of("an Application is renamed: Prune=false does not keep what its deletion deletes",
                        namespace(ARGO_NO_PRUNE), List.of(APP), OVERLAY, List.of(RENAMED_APP), OVERLAY,
                        List.of(renamedAway)),
                Arguments.of("an Application is renamed: Delete=false keeps it", namespace(ARGO_KEEP), List.of(APP),
                        OVERLAY, List.of(RENAMED_APP), OVERLAY, List.of()),
                Arguments.of("an Application without the finalizer is renamed: it orphans what it applied",
                        namespace(""), List.of(new SyncUnit(Controller.ARGOCD, "in-cluster", "code-story-x", OVERLAY,
                                List.of(), true, true, null, false)), OVERLAY, List.of(RENAMED_APP), OVERLAY,
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moves")
    void anObjectMovesToAnotherUnitOnlyWhenTheOldOneCannotPruneItFirst(String name, String object,
                                                                        List<SyncUnit> baseUnits, String movedFrom,
                                                                        List<SyncUnit> units, String movedTo,
                                                                        List<String> expected) {
        List<String> found = new ArrayList<>();
        Lifecycle.transitions(ENV, baseUnits, builds(movedFrom, build(object)), units, builds(movedTo, build(object)))
                .forEach(p -> found.add(p.resource() + ": " + p.problem()));
        assertThat(found).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> removals() {
        SyncUnit argoOrphans = new SyncUnit(Controller.ARGOCD, "in-cluster", "code-story-x", OVERLAY, List.of(), true,
                true, null, false);
        SyncUnit fluxNoPrune = new SyncUnit(Controller.FLUX, "dev", "code-story-x", OVERLAY, List.of(), false, false,
                null, false);
        String argoKeep = "argocd.argoproj.io/sync-options: 'Prune=false,Delete=false'";
        return Stream.of(
                Arguments.of("left out of an Application that stays", namespace(""), APP, true, null),
                Arguments.of("Prune=false, the Application stays", namespace(ARGO_NO_PRUNE), APP, true,
                        "the sync option Prune=false"),
                Arguments.of("Prune=false, the Application goes", namespace(ARGO_NO_PRUNE), APP, false, null),
                Arguments.of("Delete=false, the Application goes", namespace(argoKeep), APP, false,
                        "the sync option Delete=false"),
                Arguments.of("an Application without the finalizer goes", namespace(""), argoOrphans, false,
                        "Application code-story-x, removed, leaves what it applied (deletion protection)"),
                Arguments.of("prune: disabled, the Kustomization goes", namespace(KEEP), FLUX_APP, false,
                        "kustomize.toolkit.fluxcd.io/prune: disabled"),
                Arguments.of("a Kustomization that does not prune stays", namespace(""), fluxNoPrune, true,
                        "Kustomization code-story-x does not prune"),
                Arguments.of("left out of a Kustomization that prunes", namespace(""), FLUX_APP, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("removals")
    void whatLeavesGitIsDeletedUnlessItsControllerKeepsIt(String name, String object, SyncUnit unit,
                                                          boolean unitStays, String keptBecause) {
        Map<String, String> kept = Lifecycle.kept(ENV, List.of(unit), builds(OVERLAY, build(object)),
                unitStays ? List.of(unit) : List.of(), Map.of());
        assertThat(kept.get("Namespace/" + NS)).isEqualTo(keptBecause);
    }

    @Test
    void anObjectTwoUnitsAppliedIsKeptOnlyIfBothKeepIt() {
        SyncUnit orphans = new SyncUnit(Controller.ARGOCD, "b", "code-story-x-b", OVERLAY, List.of(), true, true,
                null, false);
        Map<String, Map<String, JsonNode>> before = builds(OVERLAY, build(namespace("")));
        assertThat(Lifecycle.kept(ENV, List.of(APP, orphans), before, List.of(), Map.of())).isEmpty();
        assertThat(Lifecycle.kept(ENV, List.of(orphans), before, List.of(), Map.of())).containsKey("Namespace/" + NS);
    }

    @Test
    void unitsAreReadFromTheControllersObjects() {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        YamlRenderer.instance().parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: code-story-prod-eu-west-1, namespace: argocd}
                spec:
                  destination: {server: 'https://west', namespace: code-story-prod}
                  source: {path: overlays/prod.secondary}
                  syncPolicy: {automated: {prune: true}, syncOptions: [PruneLast=true, CreateNamespace=true]}
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: code-story-dev, namespace: flux-system}
                spec: {path: ./overlays/dev, prune: true, dependsOn: [{name: code-story-dev-migrate}]}
                """).forEach(o -> objects.put((objects.isEmpty() ? "clusters/argocd " : "clusters/flux/dev ")
                + RenderedObjects.key(o), o));
        assertThat(SyncUnit.read(objects)).containsExactly(
                new SyncUnit(Controller.ARGOCD, "https://west", "code-story-prod-eu-west-1", "overlays/prod.secondary",
                        List.of(), true, true, "code-story-prod", false),
                new SyncUnit(Controller.FLUX, "dev", "code-story-dev", "overlays/dev", List.of("code-story-dev-migrate"),
                        true, false, null, false));
        assertThat(SyncUnit.read(objects).get(0).environment()).isEqualTo("prod");
    }

    @Test
    void anEnvironmentNothingSyncsIsAProblem() {
        assertThat(problems(List.of(argo("other", "c", "overlays/other")), builds(OVERLAY, build(namespace("")))))
                .containsExactly("overlays/x: no Argo CD Application or Flux Kustomization under clusters/ syncs it");
    }
}
