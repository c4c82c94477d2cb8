package dev.codestory.gitops.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.References;
import dev.codestory.gitops.analysis.lifecycle.SyncUnit;
import dev.codestory.gitops.kustomize.BuildPool;
import dev.codestory.gitops.kustomize.ControllerObjects;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.yaml.TreeDiff;

/**
 * Runs every check of {@code verify} on a repository: {@code tree} once; for each unit an environment syncs (its
 * overlay, under Flux its migration, with several clusters the secondary ones') {@code build}, {@code golden},
 * {@code schema} and {@code policy}, and {@code matrix} when other kustomize binaries are given;
 * {@code references} across each environment's units, and {@code lifecycle} across its units and the controllers'
 * objects (and the change from a base revision, if given). The builds need only the overlays on disk, so they start
 * before the specs are read; the result does not depend on the order they finish in.
 */
public final class Verifier {

    /** Told how many environments are done, about ten times per run. */
    public interface Progress {
        void update(int done, int total);
    }

    /** One unit's findings, and its objects when it built. */
    private record Outcome(List<Finding> findings, Map<String, JsonNode> objects, int checks) {
    }

    private final Path root;
    private final Kustomize kustomize;
    private List<Kustomize> matrix = List.of();
    private Function<Environment, List<Waiver>> waivers = environment -> List.of();
    private Progress progress = (done, total) -> {
    };
    private BaseRevision base;
    private final Map<Kustomize, String> names = new ConcurrentHashMap<>();

    public Verifier(Path root, Kustomize kustomize) {
        this.root = root;
        this.kustomize = kustomize;
    }

    /** Also build every unit with each of {@code others} and compare with the chosen kustomize's build. */
    public Verifier withMatrix(List<Kustomize> others) {
        this.matrix = List.copyOf(others);
        return this;
    }

    /** Where an environment's waivers come from (none by default); they apply to all its units. */
    public Verifier withWaivers(Function<Environment, List<Waiver>> source) {
        this.waivers = source;
        return this;
    }

    public Verifier withProgress(Progress listener) {
        this.progress = listener;
        return this;
    }

    /** Also check the change from another revision ({@code lifecycle}). */
    public Verifier withBase(BaseRevision revision) {
        this.base = revision;
        return this;
    }

    /** {@code specs} reads the environments; its exception ends the run. */
    public Verification verify(Supplier<List<Environment>> specs) {
        long start = System.nanoTime();
        RepoLayout layout = new RepoLayout(root);
        try (UnitBuilds builds = new UnitBuilds(root)) {
            builds.startAll(kustomize, matrix, layout.units(layout.environments()));
            List<Environment> environments = specs.get();

            Map<String, List<CompletableFuture<Outcome>>> outcomes = new LinkedHashMap<>();
            Map<String, List<RepoLayout.Unit>> unitsOf = new LinkedHashMap<>();
            List<String> unitNames = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (Environment environment : environments) {
                List<CompletableFuture<Outcome>> units = new ArrayList<>();
                unitsOf.put(environment.name(), layout.units(environment.name()));
                for (RepoLayout.Unit unit : unitsOf.get(environment.name())) {
                    unitNames.add(unit.name());
                    units.add(outcome(builds, environment, unit));
                }
                outcomes.put(environment.name(), units);
                CompletableFuture.allOf(units.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) ->
                        report(done.incrementAndGet(), environments.size()));
            }

            // while kustomize runs: the checks of the repository as a whole
            List<Finding> findings = new ArrayList<>(TreeCheck.check(root, environments));
            findings.addAll(GoldenCheck.stale(root, unitNames));
            // the controllers' objects are applied as they are: their schema is all there is to check
            Map<String, JsonNode> controllerObjects = ControllerObjects.read(root);
            findings.addAll(SchemaCheck.check(RepoLayout.CLUSTERS, controllerObjects));
            List<SyncUnit> syncUnits = SyncUnit.read(controllerObjects);
            int checks = 1;
            List<Verification.Waived> waived = new ArrayList<>();
            List<Verification.Prerequisite> prerequisites = new ArrayList<>();
            for (Environment environment : environments) {
                List<Finding> found = new ArrayList<>();
                Map<String, JsonNode> synced = new LinkedHashMap<>();
                Map<String, Map<String, JsonNode>> unitBuilds = new LinkedHashMap<>();
                boolean built = true;
                List<CompletableFuture<Outcome>> units = outcomes.get(environment.name());
                for (int i = 0; i < units.size(); i++) {
                    Outcome outcome = BuildPool.join(units.get(i));
                    found.addAll(outcome.findings());
                    checks += outcome.checks();
                    if (outcome.objects() == null) {
                        built = false;
                    } else {
                        synced.putAll(outcome.objects());
                        unitBuilds.put(unitsOf.get(environment.name()).get(i).directory(), outcome.objects());
                    }
                }
                if (built) {
                    // a Flux migration unit is synced first and holds what the app needs: resolve across units
                    References.check(synced).forEach(broken -> found.add(new Finding(environment.name(),
                            broken.resource(), broken.field(), broken.problem(), CheckId.REFERENCES)));
                    found.addAll(LifecycleCheck.check(environment, syncUnits, unitBuilds, prerequisites));
                    checks += 2;
                    if (base != null) {
                        found.addAll(LifecycleCheck.transitions(environment, base, syncUnits, unitBuilds));
                        checks++;
                    }
                }
                found.sort(Comparator.comparing(Finding::check));
                Waivers.apply(found, waivers.apply(environment), findings, waived);
            }
            return new Verification(List.copyOf(findings), List.copyOf(waived), environments.size(), checks,
                    Duration.ofNanos(System.nanoTime() - start), List.copyOf(prerequisites));
        }
    }

    /** A unit's checks, run on the build pool once its build (and those of the matrix) are done. */
    private CompletableFuture<Outcome> outcome(UnitBuilds builds, Environment environment, RepoLayout.Unit unit) {
        CompletableFuture<Outcome> checked = builds.of(kustomize, unit)
                .thenApplyAsync(build -> check(environment, unit, build), builds.pool());
        for (Kustomize other : matrix) {
            checked = checked.thenCombine(builds.of(other, unit), (outcome, otherBuild) -> {
                List<Finding> findings = new ArrayList<>(outcome.findings());
                findings.addAll(compare(unit, outcome, otherBuild, other));
                return new Outcome(findings, outcome.objects(), outcome.checks() + 1);
            });
        }
        return checked;
    }

    /** One unit's checks after its build; only build runs when the build fails. */
    private Outcome check(Environment environment, RepoLayout.Unit unit, UnitBuilds.Build build) {
        String name = unit.name();
        if (build.failed()) {
            return new Outcome(List.of(new Finding(name, unit.directory(), "", "kustomize build failed: "
                    + build.error(), CheckId.BUILD)), null, 1);
        }
        Map<String, JsonNode> objects = build.objects();
        List<Finding> findings = new ArrayList<>(GoldenCheck.check(root, name, build.output(), objects));
        findings.addAll(SchemaCheck.check(name, objects));
        findings.addAll(PolicyCheck.check(name, environment, objects));
        return new Outcome(findings, objects, 4);
    }

    /** The {@code matrix} findings: where another kustomize's build differs from the chosen one's. */
    private List<Finding> compare(RepoLayout.Unit unit, Outcome outcome, UnitBuilds.Build other, Kustomize with) {
        String otherName = describe(with);
        if (other.failed()) {
            return List.of(new Finding(unit.name(), unit.directory(), "", otherName + " cannot build it: "
                    + other.error(), CheckId.MATRIX));
        }
        if (outcome.objects() == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (TreeDiff.Difference difference : TreeDiff.compare(outcome.objects(), describe(kustomize),
                other.objects(), otherName)) {
            findings.add(new Finding(unit.name(), difference.resource(), difference.field(), difference.problem(),
                    CheckId.MATRIX));
        }
        return findings;
    }

    /** A kustomize as findings name it: its binary and version (asked once a run). */
    private String describe(Kustomize kustomize) {
        return names.computeIfAbsent(kustomize, with -> Path.of(with.command().get(0)).getFileName()
                + " (kustomize " + with.version() + ")");
    }

    private void report(int done, int total) {
        if (reportable(done, total)) {
            progress.update(done, total);
        }
    }

    /** Every tenth of the way (every environment when there are fewer than ten) and at the end. */
    static boolean reportable(int done, int total) {
        int step = Math.max(1, total / 10);
        return done == total || done % step == 0;
    }
}
