package dev.codestory.gitops.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.codestory.gitops.generate.RepositoryGenerator;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.kustomize.KustomizeException;
import dev.codestory.gitops.git.GitException;
import dev.codestory.gitops.git.RevisionExport;
import dev.codestory.gitops.review.MarkdownReport;
import dev.codestory.gitops.review.Review;
import dev.codestory.gitops.review.Reviewer;
import dev.codestory.gitops.review.TextReport;
import dev.codestory.gitops.spec.SpecException;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.workspace.RegenCache;
import dev.codestory.gitops.workspace.RegenException;
import dev.codestory.gitops.workspace.TreeSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = {"Compares every environment's build at a Git revision with the work tree.",
                "Builds the units of each environment the change touches at the revision and",
                "in the work tree, and prints per environment (and for the controllers' files",
                "under clusters/) the resources added, removed and changed, with a diff of",
                "each change. Flags changes that delete and recreate an object (RECREATE),",
                "resources the GitOps controller will delete (PRUNED) or leave in the cluster",
                "(KEPT), and changes it cannot carry out safely (UNSAFE). The revision is read",
                "from Git's object store: the work tree and the index are left as they are."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no change in any environment", "1:some environment changes",
                "2:bad input (not a Git repository, unknown revision, a build that fails, no kustomize)"})
final class DiffCommand implements Callable<Integer> {

    /** What is read at the revision: what an overlay's build can read, and the controllers' objects. */
    private static final List<String> EXPORTED = RepoLayout.GENERATED_DIRS;

    enum Format {
        text, markdown
    }

    @Spec
    CommandSpec spec;

    @ParentCommand
    RootCommand parent;

    @Option(names = "--base", required = true, paramLabel = "<ref>",
            description = "The revision to compare with: a branch, tag, commit, or an expression such as HEAD~1.")
    String base;

    @Option(names = "--kustomize", paramLabel = "<path>",
            description = "The kustomize (or kubectl) binary (default: $KUSTOMIZE, else kustomize, else kubectl on"
                    + " PATH).")
    String kustomizePath;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
            description = "text (default) or markdown (a pull-request comment).")
    Format format;

    @Override
    public Integer call() {
        Path root = parent.repositoryRoot();
        try {
            Kustomize kustomize = Kustomize.locate(kustomizePath);
            String stale = staleTree(root);
            if (stale != null) {
                spec.commandLine().getErr().println("diff: note: " + stale);
            }
            try (RevisionExport revision = RevisionExport.of(root, base, EXPORTED)) {
                Review review = new Reviewer(kustomize).review(base, revision.commit(), revision.dir(), root,
                        RepoLayout.BUILD_INPUTS);
                spec.commandLine().getOut().print(format == Format.markdown
                        ? MarkdownReport.render(review, stale) : TextReport.render(review));
                spec.commandLine().getOut().flush();
                return review.hasChanges() ? Cli.CHECK_FAILED : Cli.OK;
            }
        } catch (GitException | KustomizeException e) {
            throw new UserError("diff: " + e.getMessage());
        }
    }

    /**
     * Why the work tree's generated files may not be what the specs say (a spec changed and regen not run, a
     * spec that does not load), or null: diff compares the files as they are, which is then not the change meant.
     */
    private static String staleTree(Path root) {
        try {
            // the check regen itself makes first: nothing changed since a regen here, so nothing to generate
            if (new RegenCache(root).upToDate()
                    || new TreeSync(root).plan(new RepositoryGenerator().generate(SpecLoader.loadAll(root))).inSync()) {
                return null;
            }
            return "the generated files are not what regen writes from the specs; run regen first (this diff"
                    + " compares the files as they are)";
        } catch (SpecException e) {
            return "the specs do not load (" + e.problems().size() + " problem(s); run regen to see them): this"
                    + " diff compares the generated files as they are";
        } catch (LayoutException | RegenException e) {
            return "cannot tell whether the generated files are what regen writes (" + e.getMessage() + "); run"
                    + " regen --check";
        }
    }
}
