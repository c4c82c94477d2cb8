package dev.codestory.gitops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.kustomize.GoldenRecorder;
import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.git.ChangeSummary;
import dev.codestory.gitops.git.RegenCommit;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.ImageVersions;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.generate.GeneratedTree;
import dev.codestory.gitops.workspace.LockFile;
import dev.codestory.gitops.workspace.MisplacedVersions;
import dev.codestory.gitops.workspace.RegenCache;
import dev.codestory.gitops.generate.RepositoryGenerator;
import dev.codestory.gitops.workspace.RunLock;
import dev.codestory.gitops.workspace.TextDiff;
import dev.codestory.gitops.workspace.TreeSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "regen", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = {"Writes the generated tree from the environment specs (overlays/<env>/env.yaml) and the"
                + " versions in their images files (overlays/<env>/images/kustomization.yaml).",
                "It writes base/, components/, overlays/<env>/ and clusters/, and records every file it wrote in"
                        + " generated.lock. Files the tool never wrote are never changed or deleted; a hand-edited"
                        + " generated file stops regen before anything is written (use --force to overwrite it). A new"
                        + " environment's images file is seeded from its spec, then only read."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (or, with --check, the tree matches the specs)", "1:--check: files differ",
                "2:bad input (a spec problem, options that do not go together, a hand edit in the way, a Git or"
                        + " kustomize problem)"})
final class RegenCommand implements Callable<Integer> {

    private static final String HAND_EDIT_ADVICE = "Move the change into the spec (overlays/<env>/env.yaml) or the"
            + " overlay's local/ directory, then run regen --force to overwrite the file with what the spec says; or"
            + " drop the edit (git restore <file>) and run regen.";

    @Spec
    CommandSpec spec;

    @ParentCommand
    RootCommand parent;

    @Option(names = "--check", description = "Write nothing; exit 1 and list the files when the tree differs"
            + " from what regen would write.")
    boolean check;

    @Option(names = "--force", description = "Overwrite generated files that were edited by hand.")
    boolean force;

    @Option(names = "--goldens", description = "Also re-record the golden files rendered/<unit>.yaml with"
            + " kustomize.")
    boolean goldens;

    @Option(names = "--commit", description = {"Commit what regen owns (generated files, golden files, the lock"
            + " file) and the specs you staged, with a message listing, per environment, the resources added,"
            + " changed and removed against HEAD's golden files. Implies --goldens. Refuses, before writing, when a"
            + " spec differs from the index. No commit when nothing changed."})
    boolean commit;

    @Option(names = "--author", paramLabel = "'Name <email>'", description = "Commit author and committer"
            + " (default: git config user.name and user.email).")
    String author;

    @Option(names = "--branch", paramLabel = "<name>", description = "Commit on this new branch (for a pull"
            + " request).")
    String branch;

    @Option(names = "--kustomize", paramLabel = "<path>", description = "kustomize or kubectl binary for --goldens"
            + " and --commit (default: $KUSTOMIZE, then kustomize, then kubectl on PATH).")
    String kustomizeBinary;

    @Override
    public Integer call() {
        checkOptions();
        Path root = parent.repositoryRoot();
        if (check) {
            return run(root, null);
        }
        RegenCommit git = commit ? RegenCommit.prepare(root, author, branch) : null;
        try (RunLock lock = RunLock.acquire(root)) {
            new TreeSync(root).recover();
            return run(root, git);
        }
    }

    /** Options that contradict each other, or mean nothing without another, are refused before any work. */
    private void checkOptions() {
        if (check) {
            List<String> writing = new ArrayList<>();
            if (commit) {
                writing.add("--commit");
            }
            if (force) {
                writing.add("--force");
            }
            if (goldens) {
                writing.add("--goldens");
            }
            if (!writing.isEmpty()) {
                throw new UserError("regen: --check writes nothing, so it cannot be combined with "
                        + String.join(", ", writing) + "; run the check and the write separately");
            }
        }
        if ((author != null || branch != null) && !commit) {
            throw new UserError("regen: --author and --branch only make sense with --commit");
        }
        if (kustomizeBinary != null && !goldens && !commit) {
            throw new UserError("regen: --kustomize only makes sense with --goldens or --commit (plain regen runs no"
                    + " kustomize)");
        }
    }

    private int run(Path root, RegenCommit git) {
        PrintWriter out = spec.commandLine().getOut();
        goldens |= commit;
        RegenCache cache = new RegenCache(root);
        if (!goldens && cache.upToDate()) {
            out.println("regen" + (check ? " --check" : "") + ": up to date (specs and tool unchanged since the"
                    + " last regen here, every generated file intact)");
            return Cli.OK;
        }
        RepositoryGenerator.prepare();
        List<Environment> environments = SpecLoader.loadAll(root);
        PrintWriter err = spec.commandLine().getErr();
        environments.forEach(environment -> ImageVersions.staleSeeds(environment)
                .forEach(note -> err.println("note: " + note)));
        GeneratedTree tree = new RepositoryGenerator().generate(environments);
        TreeSync sync = new TreeSync(root);
        TreeSync.Plan plan = sync.plan(tree);
        if (check) {
            return check(root, environments, tree, plan, cache);
        }
        if (!plan.conflicts().isEmpty() && !force) {
            return refuse(root, tree, plan);
        }
        Kustomize kustomize = goldens ? Kustomize.locate(kustomizeBinary) : null;
        Map<String, Map<String, JsonNode>> before = Map.of();
        if (git != null) {
            Set<String> owned = ownedPaths(root, tree);
            owned.addAll(plan.delete());
            git.checkStaged(owned);
            before = headBuilds(git.atHead(RepoLayout.GOLDENS));
        }
        sync.apply(plan, tree);
        // an images file regen seeded is an input too: the cache notes the inputs as they are now
        (plan.seeded().isEmpty() ? cache : new RegenCache(root)).record();
        GoldenRecorder.Recorded recorded = goldens ? GoldenRecorder.record(root, environments.stream()
                .map(Environment::name).toList(), kustomize) : null;
        out.println("regen: " + environments.size() + " environment(s) " + environmentNames(environments) + ": "
                + plan.write().size() + " file(s) written, " + plan.delete().size() + " removed, "
                + plan.unchanged().size() + " unchanged" + (recorded == null ? "" : "; golden files: "
                + recorded.changed().size() + " written, " + (recorded.goldens().size() - recorded.changed().size())
                + " unchanged, " + recorded.removed().size() + " removed"));
        plan.seeded().forEach(path -> out.println("regen: seeded " + path + " from the spec: the versions the"
                + " environment runs, which change there from now on"));
        leftBehind(root, plan, environments).forEach(note -> out.println("regen: " + note));
        if (git != null) {
            commit(root, git, tree, plan, recorded, before, out);
        }
        return Cli.OK;
    }

    /**
     * For each environment whose generated files this run removed: the files left in its directory, which regen
     * did not write and never deletes (its images file, a local component, notes of the team's).
     */
    private static List<String> leftBehind(Path root, TreeSync.Plan plan, List<Environment> environments) {
        Set<String> current = new TreeSet<>(environments.stream().map(Environment::name).toList());
        Set<String> removed = new TreeSet<>();
        plan.delete().forEach(path -> {
            String environment = RepoLayout.environmentOf(path);
            if (environment != null && !current.contains(environment)) {
                removed.add(environment);
            }
        });
        List<String> notes = new ArrayList<>();
        for (String environment : removed) {
            Path dir = root.resolve(RepoLayout.overlay(environment));
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                List<String> files = walk.filter(Files::isRegularFile).map(file -> root.relativize(file).toString())
                        .sorted().toList();
                if (!files.isEmpty()) {
                    notes.add(environment + " is removed; " + RepoLayout.overlay(environment) + "/ still holds "
                            + files.size() + " file(s) regen did not write (" + String.join(", ", files.stream()
                            .limit(5).toList()) + (files.size() > 5 ? ", ..." : "") + "): delete them if the"
                            + " environment is gone for good");
                }
            } catch (IOException e) {
                // a note only: nothing to say about a directory that cannot be read
            }
        }
        return notes;
    }

    private int check(Path root, List<Environment> environments, GeneratedTree tree, TreeSync.Plan plan,
                      RegenCache cache) {
        PrintWriter out = spec.commandLine().getOut();
        if (plan.inSync()) {
            cache.record();
            out.println("regen --check: the tree matches the specs (" + environments.size() + " environments, "
                    + tree.files().size() + " files)");
            return Cli.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("regen --check: " + plan.differing().size() + " file(s) differ from what regen would write:");
        Set<String> conflicts = new TreeSet<>(plan.conflicts());
        plan.differing().forEach(path -> err.println("  " + path + (conflicts.contains(path)
                ? " (edited by hand, or not written by regen)" : "")));
        printMisplacedVersions(root, conflicts, err);
        if (conflicts.isEmpty()) {
            err.println("Run regen to update them.");
        } else {
            err.println("regen refuses to overwrite a file edited by hand. " + HAND_EDIT_ADVICE);
        }
        return Cli.CHECK_FAILED;
    }

    /** For each hand edit that is image versions written into a generated kustomization: where they belong. */
    private static void printMisplacedVersions(Path root, Collection<String> conflicts, PrintWriter err) {
        conflicts.stream().map(path -> MisplacedVersions.advice(root, path)).filter(Objects::nonNull)
                .forEach(err::println);
    }

    /** Commits what regen wrote, with a message comparing the golden files at HEAD with those just recorded. */
    private static void commit(Path root, RegenCommit git, GeneratedTree tree, TreeSync.Plan plan,
                               GoldenRecorder.Recorded recorded, Map<String, Map<String, JsonNode>> before,
                               PrintWriter out) {
        Map<String, byte[]> files = new TreeMap<>(tree.files());
        plan.seeded().forEach(path -> files.put(path, tree.seeds().get(path)));
        files.put(LockFile.PATH, plan.newLock().render());
        files.putAll(recorded.goldens());
        Set<String> removed = new TreeSet<>(plan.delete());
        removed.addAll(recorded.removed());
        Map<String, String> goldens = new TreeMap<>();
        recorded.goldens().forEach((path, bytes) -> goldens.put(path, new String(bytes, StandardCharsets.UTF_8)));
        String message = ChangeSummary.of(before, builds(goldens)).commitMessage();
        RegenCommit.Result result = git.commit(files, removed, message);
        if (result.commitId() == null) {
            out.println("regen --commit: nothing to commit (the generated files are already committed)");
        } else {
            out.println("regen --commit: " + result.commitId().substring(0, 12) + " on " + result.branch() + ": "
                    + message.lines().findFirst().orElse(""));
        }
    }

    /** Every path regen owns: the files it generates (and seeds), the lock file and the golden files. */
    private static Set<String> ownedPaths(Path root, GeneratedTree tree) {
        Set<String> paths = new TreeSet<>(tree.files().keySet());
        paths.addAll(tree.seeds().keySet());
        paths.add(LockFile.PATH);
        Goldens.recorded(root).keySet().forEach(unit -> paths.add(RepoLayout.golden(unit)));
        return paths;
    }

    /**
     * HEAD's golden files as builds; one that is not YAML (edited by hand) counts as no build, with a warning,
     * so that the commit that records it again is not refused.
     */
    private Map<String, Map<String, JsonNode>> headBuilds(Map<String, String> goldens) {
        Map<String, String> readable = new TreeMap<>();
        goldens.forEach((path, text) -> {
            try {
                RenderedObjects.parse(text);
                readable.put(path, text);
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("regen --commit: " + path + " at HEAD is not a build (not YAML);"
                        + " the message lists its resources as added");
            }
        });
        return builds(readable);
    }

    /** Golden files' texts by path, as builds by unit name. */
    private static Map<String, Map<String, JsonNode>> builds(Map<String, String> goldens) {
        Map<String, Map<String, JsonNode>> builds = new TreeMap<>();
        goldens.forEach((path, text) -> {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.endsWith(".yaml")) {
                builds.put(name.substring(0, name.length() - ".yaml".length()), RenderedObjects.parse(text));
            }
        });
        return builds;
    }

    private int refuse(Path root, GeneratedTree tree, TreeSync.Plan plan) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("regen: stopped, nothing was written. These generated files were edited by hand (or are not"
                + " the tool's):");
        for (String path : plan.conflicts()) {
            err.println("  " + path);
        }
        for (String path : plan.conflicts()) {
            byte[] onDisk = readQuietly(root.resolve(path));
            byte[] generated = tree.files().get(path);
            err.print(TextDiff.unified(path + " (on disk)", onDisk, path + " (regen)", generated));
        }
        printMisplacedVersions(root, plan.conflicts(), err);
        err.println(HAND_EDIT_ADVICE);
        return Cli.BAD_INPUT;
    }

    private static byte[] readQuietly(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String environmentNames(List<Environment> environments) {
        return environments.stream().map(Environment::name).toList().toString();
    }
}
