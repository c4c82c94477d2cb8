package dev.codestory.gitops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.jgit.lib.PersonIdent;

import dev.codestory.gitops.kustomize.GoldenRecorder;
import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.git.ChangeSummary;
import dev.codestory.gitops.git.RegenCommit;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.generate.GeneratedTree;
import dev.codestory.gitops.workspace.LockFile;
import dev.codestory.gitops.workspace.RegenCache;
import dev.codestory.gitops.generate.RepositoryGenerator;
import dev.codestory.gitops.workspace.RunLock;
import dev.codestory.gitops.workspace.TextDiff;
import dev.codestory.gitops.workspace.TreeSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "regen", mixinStandardHelpOptions = true,
        description = {"Writes base/ and overlays/<env>/ from the environment specs (overlays/<env>/env.yaml).",
                "Files the tool never wrote are never changed or deleted; a hand-edited generated file stops",
                "regen before anything is written (use --force to overwrite it)."})
final class RegenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Option(names = "--check", description = "Write nothing; exit 1 and list the files when the tree differs"
            + " from what regen would write.")
    boolean check;

    @Option(names = "--force", description = "Overwrite generated files that were edited by hand.")
    boolean force;

    @Option(names = "--goldens", description = "Also re-record the golden files rendered/<env>.yaml with kustomize.")
    boolean goldens;

    @Option(names = "--commit", description = {"Commit what regen owns (generated files, golden files, the lock"
            + " file, and specs you staged) with a message listing, per environment, the resources added, changed"
            + " and removed. Implies --goldens. No commit when nothing changed."})
    boolean commit;

    @Option(names = "--author", paramLabel = "'Name <email>'", description = "Commit author and committer"
            + " (default: git config user.name and user.email).")
    String author;

    @Option(names = "--branch", paramLabel = "<name>", description = "Commit on this new branch (for a pull"
            + " request).")
    String branch;

    @Option(names = "--kustomize", paramLabel = "<path>", description = "kustomize or kubectl binary for --goldens"
            + " (default: $KUSTOMIZE, then kustomize, then kubectl on PATH).")
    String kustomizeBinary;

    @Override
    public Integer call() {
        if ((author != null || branch != null) && !commit) {
            throw new UserError("--author and --branch only make sense with --commit");
        }
        Path root = repository.root();
        if (check) {
            return run(root);
        }
        try (RunLock lock = RunLock.acquire(root)) {
            new TreeSync(root).recover();
            return run(root);
        }
    }

    private int run(Path root) {
        PrintWriter out = spec.commandLine().getOut();
        goldens |= commit;
        RegenCache cache = new RegenCache(root);
        if (!goldens && cache.upToDate()) {
            out.println("regen" + (check ? " --check" : "") + ": up to date (specs and tool unchanged since the"
                    + " last regen here, every generated file intact)");
            return Cli.OK;
        }
        List<Environment> environments = SpecLoader.loadAll(root);
        GeneratedTree tree = new RepositoryGenerator().generate(environments);
        TreeSync sync = new TreeSync(root);
        TreeSync.Plan plan = sync.plan(tree);
        if (check) {
            if (plan.inSync()) {
                cache.record();
                out.println("regen --check: the tree matches the specs (" + environments.size()
                        + " environments, " + tree.files().size() + " files)");
                return Cli.OK;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("regen --check: " + plan.differing().size() + " file(s) differ from what regen would write:");
            plan.differing().forEach(path -> err.println("  " + path));
            err.println("Run regen to update them.");
            return Cli.CHECK_FAILED;
        }
        if (!plan.conflicts().isEmpty() && !force) {
            return refuse(root, tree, plan);
        }
        Kustomize kustomize = goldens ? Kustomize.locate(kustomizeBinary) : null;
        RegenCommit git = commit ? new RegenCommit(root) : null;
        PersonIdent identity = commit ? git.precheck(author, branch, ownedPaths(root, tree)) : null;
        Map<String, Map<String, JsonNode>> before = commit ? builds(root) : Map.of();
        sync.apply(plan, tree);
        cache.record();
        List<String> recorded = goldens ? GoldenRecorder.record(root, environments.stream().map(Environment::name)
                .toList(), kustomize) : List.of();
        out.println("regen: " + environments.size() + " environment(s) " + environmentNames(environments) + ": "
                + plan.write().size() + " file(s) written, " + plan.delete().size() + " removed, "
                + plan.unchanged().size() + " unchanged" + (goldens ? ", " + recorded.size() + " golden file(s)"
                + " recorded" : ""));
        if (commit) {
            Set<String> paths = new TreeSet<>(ownedPaths(root, tree));
            paths.addAll(plan.delete());
            paths.addAll(recorded);
            String message = ChangeSummary.of(before, builds(root)).commitMessage();
            RegenCommit.Result result = git.commit(paths, identity, branch, message);
            if (result.commitId() == null) {
                out.println("regen --commit: nothing to commit (the generated files are already committed)");
            } else {
                out.println("regen --commit: " + result.commitId().substring(0, 12) + " on " + result.branch() + ": "
                        + message.lines().findFirst().orElse(""));
            }
        }
        return Cli.OK;
    }

    /** Every path regen owns: the files it generates, the lock file and the golden files. */
    private static Set<String> ownedPaths(Path root, GeneratedTree tree) {
        Set<String> paths = new TreeSet<>(tree.files().keySet());
        paths.add(LockFile.PATH);
        Goldens.recorded(root).keySet().forEach(unit -> paths.add(RepoLayout.golden(unit)));
        return paths;
    }

    /** The committed builds, as golden files on disk, per environment. */
    private static Map<String, Map<String, JsonNode>> builds(Path root) {
        Map<String, Map<String, JsonNode>> builds = new TreeMap<>();
        try {
            for (Map.Entry<String, Path> golden : Goldens.recorded(root).entrySet()) {
                builds.put(golden.getKey(), RenderedObjects.parse(Files.readString(golden.getValue(),
                        StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        err.println("Move the change into the spec (overlays/<env>/env.yaml) or an overlay's local/ directory, or"
                + " run regen --force to overwrite.");
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
