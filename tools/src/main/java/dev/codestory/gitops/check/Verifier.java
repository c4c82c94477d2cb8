package dev.codestory.gitops.check;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;

/**
 * Runs every check of {@code verify} on a repository: {@code tree} once; for each unit an environment syncs
 * ({@link Goldens#units}: its overlay, and under Flux its migration) {@code build}, {@code golden},
 * {@code schema} and {@code policy}, and {@code matrix} when other kustomize binaries are given; and
 * {@code references} across each environment's units. Units run in parallel on a pool of one thread per
 * processor (each build is a kustomize process that keeps a processor busy); the result does not depend on the
 * order they finish in.
 *
 * <p>Builds need only the overlay directories, so they start before the specs are read; the calling thread then
 * reads the specs and runs the tree check while kustomize runs (see {@link Deferred}).
 */
public final class Verifier {

    /** Told how many environments are done, about ten times per run. */
    public interface Progress {
        void update(int done, int total);
    }

    private record Outcome(List<Finding> findings, Map<String, JsonNode> objects, int checks) {
    }

    private record Build(String output, Map<String, JsonNode> objects, String error) {
    }

    /** A unit's work under way: its checks, and its builds by the other kustomize binaries. */
    private record Pending(CompletableFuture<Outcome> outcome, List<Future<Build>> alternatives) {
    }

    private static final Pattern KLOG_PREFIX = Pattern.compile("(?m)^[EWIF]\\d{4} [0-9:.]+\\s+\\d+ [^\\]]*\\] ");
    private static final Pattern KUBECTL_FAILED = Pattern.compile("(?s)\"command failed\" err=\"(.*)\"\\s*");

    private final Path root;
    private final Kustomize kustomize;
    private List<Kustomize> matrix = List.of();
    private Function<Environment, List<Waiver>> waivers = environment -> List.of();
    private Progress progress = (done, total) -> {
    };

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

    public Verification verify(List<Environment> environments) {
        return verify(() -> environments);
    }

    /** {@code specs} reads the environments (normally {@link SpecLoader#loadAll}); its exception ends the run. */
    public Verification verify(Supplier<List<Environment>> specs) {
        long start = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("verify-"));
        try {
            Run run = new Run(pool, threads);
            List<String> overlays = overlays();
            Map<String, Tally> tallies = new LinkedHashMap<>();
            Map<String, Pending> pending = new LinkedHashMap<>();
            AtomicInteger done = new AtomicInteger();
            for (String overlay : overlays) {
                Tally tally = new Tally(() -> {
                    synchronized (done) {
                        report(done.incrementAndGet(), overlays.size());
                    }
                });
                tallies.put(overlay, tally);
                pending.put(overlay, run.start(new Goldens.Unit(overlay, SpecLoader.OVERLAYS + "/" + overlay),
                        overlay, tally));
            }

            List<Environment> environments;
            try {
                environments = specs.get();
            } catch (RuntimeException e) {
                run.loaded.completeExceptionally(e);
                throw e;
            }
            Map<String, Environment> byName = new LinkedHashMap<>();
            environments.forEach(environment -> byName.put(environment.name(), environment));
            run.loaded.complete(byName);
            // by name: a spec's record hash would walk the whole spec
            Map<String, List<Goldens.Unit>> units = new LinkedHashMap<>();
            List<String> unitNames = new ArrayList<>();
            for (Environment environment : environments) {
                Tally tally = tallies.computeIfAbsent(environment.name(), name -> new Tally(() -> {
                }));
                units.put(environment.name(), Goldens.units(root, List.of(environment)));
                for (Goldens.Unit unit : units.get(environment.name())) {
                    unitNames.add(unit.name());
                    pending.computeIfAbsent(unit.name(), name -> run.start(unit, environment.name(), tally));
                }
                tally.release();
            }

            List<Finding> findings = new ArrayList<>(TreeCheck.check(root, environments));
            findings.addAll(GoldenCheck.stale(root, unitNames));
            // the controllers' objects are applied as they are: their schema is all there is to check
            findings.addAll(SchemaCheck.check(ControllerObjects.DIR, ControllerObjects.read(root)));
            List<Verification.Waived> waived = new ArrayList<>();
            int checks = 1;
            for (Environment environment : environments) {
                List<Finding> found = new ArrayList<>();
                Map<String, JsonNode> synced = new LinkedHashMap<>();
                boolean built = true;
                for (Goldens.Unit unit : units.get(environment.name())) {
                    Pending started = pending.get(unit.name());
                    Outcome outcome = get(started.outcome());
                    found.addAll(outcome.findings());
                    checks += outcome.checks();
                    if (outcome.objects() == null) {
                        built = false;
                    } else {
                        synced.putAll(outcome.objects());
                    }
                    for (int i = 0; i < matrix.size(); i++) {
                        found.addAll(compare(unit, outcome, get(started.alternatives().get(i)),
                                get(run.names.get(matrix.get(i))), get(run.names.get(kustomize))));
                    }
                    checks += matrix.isEmpty() ? 0 : 1;
                }
                if (built) {
                    // a Flux migration unit is synced first and holds what the app needs: resolve across units
                    String name = environment.name();
                    for (References.Finding broken : References.check(synced)) {
                        found.add(new Finding(name, broken.resource(), broken.field(), broken.problem(),
                                CheckId.REFERENCES));
                    }
                    checks++;
                }
                found.sort(Comparator.comparing(Finding::check));
                List<Waiver> accepted = waivers.apply(environment);
                for (Finding finding : found) {
                    Waiver waiver = accepted.stream().filter(w -> w.waives(finding)).findFirst().orElse(null);
                    if (waiver == null) {
                        findings.add(finding);
                    } else {
                        waived.add(new Verification.Waived(finding, waiver));
                    }
                }
            }
            return new Verification(List.copyOf(findings), List.copyOf(waived), environments.size(), checks,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The state of one run: the pool, the schema readers being prepared, the specs once read. */
    private final class Run {
        private final ExecutorService pool;
        private final Deferred deferred;
        private final CompletableFuture<Map<String, Environment>> loaded = new CompletableFuture<>();
        private final Map<Kustomize, Future<String>> names = new LinkedHashMap<>();

        Run(ExecutorService pool, int threads) {
            this.pool = pool;
            this.deferred = new Deferred(loaded);
            loaded.whenComplete((ignored, failure) -> {
                for (int i = 0; i < threads; i++) {
                    pool.execute(deferred::drain);
                }
            });
            if (!matrix.isEmpty()) {
                names.put(kustomize, pool.submit(() -> describe(kustomize)));
                matrix.forEach(other -> names.put(other, pool.submit(() -> describe(other))));
            }
        }

        /** Queues a unit's build (its checks follow once its environment's spec is read) and its matrix builds. */
        Pending start(Goldens.Unit unit, String environment, Tally tally) {
            tally.add(1 + matrix.size());
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            outcome.whenComplete((ignored, failure) -> tally.finish());
            pool.execute(() -> {
                try {
                    Build build = build(kustomize, unit);
                    deferred.run(() -> {
                        try {
                            Environment spec = loaded.join().get(environment);
                            outcome.complete(spec == null ? null : check(spec, unit, build));
                        } catch (RuntimeException | Error e) {
                            outcome.completeExceptionally(e);
                        }
                    });
                } catch (RuntimeException | Error e) {
                    outcome.completeExceptionally(e);
                }
            });
            List<Future<Build>> alternatives = new ArrayList<>();
            for (Kustomize other : matrix) {
                alternatives.add(pool.submit(() -> {
                    try {
                        return build(other, unit);
                    } finally {
                        tally.finish();
                    }
                }));
            }
            return new Pending(outcome, alternatives);
        }
    }

    /**
     * How much of an environment is still running; done once its units are all known ({@link #release}) and
     * finished.
     */
    private static final class Tally {
        private final AtomicInteger remaining = new AtomicInteger(1);
        private final Runnable done;

        Tally(Runnable done) {
            this.done = done;
        }

        void add(int tasks) {
            remaining.addAndGet(tasks);
        }

        void finish() {
            if (remaining.decrementAndGet() == 0) {
                done.run();
            }
        }

        void release() {
            finish();
        }
    }

    /**
     * A unit's checks need its environment's spec. Until the specs are read, a finished build leaves its checks
     * here and its thread goes on to the next build, so kustomize keeps every processor busy; whichever thread is
     * free once they are read runs them.
     */
    private static final class Deferred {
        private final CompletableFuture<?> ready;
        private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

        Deferred(CompletableFuture<?> ready) {
            this.ready = ready;
        }

        void run(Runnable checks) {
            waiting.add(checks);
            if (ready.isDone()) {
                drain();
            }
        }

        void drain() {
            for (Runnable checks = waiting.poll(); checks != null; checks = waiting.poll()) {
                checks.run();
            }
        }
    }

    /**
     * One unit's checks after its build; only build runs when the build fails. References are checked per
     * environment, across its units.
     */
    private Outcome check(Environment environment, Goldens.Unit unit, Build build) {
        String name = unit.name();
        if (build.error() != null) {
            return new Outcome(List.of(new Finding(name, unit.directory(), "", "kustomize build failed: "
                    + build.error(), CheckId.BUILD)), null, 1);
        }
        Map<String, JsonNode> objects = build.objects();
        List<Finding> findings = new ArrayList<>(GoldenCheck.check(root, name, build.output(), objects));
        findings.addAll(SchemaCheck.check(name, objects));
        findings.addAll(PolicyCheck.check(name, environment, objects));
        return new Outcome(findings, objects, 4);
    }

    private static List<Finding> compare(Goldens.Unit unit, Outcome outcome, Build other, String otherName,
                                         String chosenName) {
        if (other.error() != null) {
            return List.of(new Finding(unit.name(), unit.directory(), "", otherName + " cannot build it: "
                    + other.error(), CheckId.MATRIX));
        }
        if (outcome.objects() == null) {
            return List.of();
        }
        return KustomizeMatrix.compare(unit.name(), outcome.objects(), chosenName, other.objects(), otherName);
    }

    private Build build(Kustomize with, Goldens.Unit unit) {
        try {
            String output = with.build(root.resolve(unit.directory()));
            return new Build(output, RenderedObjects.parse(output), null);
        } catch (KustomizeException e) {
            return new Build(null, null, withoutCommand(e.getMessage()));
        } catch (UncheckedIOException e) {
            return new Build(null, null, "its output is not YAML: " + e.getCause().getMessage());
        }
    }

    /** The overlays that have a spec, as {@link SpecLoader#loadAll} finds them. */
    private List<String> overlays() {
        Path dir = root.resolve(SpecLoader.OVERLAYS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(SpecLoader.SPEC_FILE)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * kustomize's own message, on one line, without the command line, kubectl's log prefix (a time stamp and a
     * process id, which would make the output differ from run to run) and the repository's path.
     */
    private String withoutCommand(String message) {
        int cut = message.indexOf("): ");
        String text = message.contains(" failed (exit ") && cut >= 0 ? message.substring(cut + 3) : message;
        text = KLOG_PREFIX.matcher(text).replaceAll("");
        Matcher failed = KUBECTL_FAILED.matcher(text);
        if (failed.matches()) {
            text = failed.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text.replace(root + File.separator, "").replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private static String describe(Kustomize kustomize) {
        return Path.of(kustomize.command().get(0)).getFileName() + " (kustomize " + kustomize.version() + ")";
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

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
