package dev.codestory.gitops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.tree.GeneratedTree;
import dev.codestory.gitops.tree.RegenCache;
import dev.codestory.gitops.tree.RepositoryGenerator;
import dev.codestory.gitops.tree.TextDiff;
import dev.codestory.gitops.tree.TreeSync;
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path root = repository.root();
        RegenCache cache = new RegenCache(root);
        if (cache.upToDate()) {
            out.println("regen" + (check ? " --check" : "") + ": up to date (specs and tool unchanged since the"
                    + " last regen here, every generated file intact)");
            return Cli.OK;
        }
        RepositoryGenerator generator = new RepositoryGenerator();
        // base does not depend on the specs: build it while they are read (start-up is most of a run)
        CompletableFuture<List<JsonNode>> base = CompletableFuture.supplyAsync(generator::baseObjects);
        List<Environment> environments = SpecLoader.loadAll(root);
        GeneratedTree tree = generator.generate(base.join(), environments);
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
        sync.apply(plan, tree);
        cache.record();
        out.println("regen: " + environments.size() + " environment(s) " + environmentNames(environments) + ": "
                + plan.write().size() + " file(s) written, " + plan.delete().size() + " removed, "
                + plan.unchanged().size() + " unchanged");
        return Cli.OK;
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
            return java.nio.file.Files.isRegularFile(path) ? java.nio.file.Files.readAllBytes(path) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String environmentNames(List<Environment> environments) {
        return environments.stream().map(Environment::name).toList().toString();
    }
}
