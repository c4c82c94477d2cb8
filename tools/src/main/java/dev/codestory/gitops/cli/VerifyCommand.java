package dev.codestory.gitops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.codestory.gitops.generate.RepositoryGenerator;
import dev.codestory.gitops.git.GitException;
import dev.codestory.gitops.git.RevisionExport;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.kustomize.KustomizeException;
import dev.codestory.gitops.kustomize.KustomizeMatrix;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.review.Reviewer;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.verify.BaseRevision;
import dev.codestory.gitops.verify.Finding;
import dev.codestory.gitops.verify.GoldenCheck;
import dev.codestory.gitops.verify.Verification;
import dev.codestory.gitops.verify.Verifier;
import dev.codestory.gitops.verify.Waiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = {"Runs every check a pull request needs, and writes nothing.",
                "Once: the generated tree is what regen would write (tree). For every",
                "environment, in parallel: each unit (overlay, Flux migration, secondary) builds (build),",
                "equals its golden file (golden), matches the schemas of its kinds (schema),",
                "has no broken reference (references), and meets the policies: Pod Security",
                "\"restricted\", probes, requests and limits, read-only root file system, no",
                "latest image outside development, name budgets, no secret values (policy);",
                "its controllers can install it, run one migration and one beat per shared",
                "store, and remove a unit without taking another's namespace or data",
                "(lifecycle; with --base, also the change from that revision).",
                "Prints one line per finding, '<env> <Kind>/<name> <field>: <problem> [<check>]',",
                "what each environment needs from outside Git, then a summary."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding", "1:findings", "2:bad input (a spec problem, no kustomize, an unknown"
                + " option)"})
final class VerifyCommand implements Callable<Integer> {

    enum Format { text, json }

    /** From this many findings alike on as many resources, they share a line, which names this many of them. */
    static final int SHARED_LINE = 3;
    static final int NAMED = 5;

    /** Above this many environments, progress goes to standard error. */
    static final int QUIET_UP_TO = 5;

    @Spec
    CommandSpec spec;

    @ParentCommand
    RootCommand parent;

    @Option(names = "--kustomize", paramLabel = "<path>", description = "The kustomize (or kubectl) binary to build"
            + " with (default: $KUSTOMIZE, else kustomize on PATH, else kubectl).")
    String kustomizePath;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
            description = "text (default) or json: one JSON document with the findings and a summary, for CI.")
    Format format;

    @Option(names = "--base", paramLabel = "<ref>", description = "Also check the change from this revision (a"
            + " branch, tag, commit or expression such as HEAD~1) as the controllers carry it out (lifecycle): no"
            + " update the API server refuses unless the controller recreates the object, no object moved to another"
            + " unit that could prune it first, no change only to Argo CD hooks.")
    String base;

    @Option(names = "--kustomize-matrix", description = "Also build every overlay with every other kustomize found"
            + " (kustomize and kubectl on PATH, kubectl.1.27 to kubectl.1.35 on PATH or beside kubectl) and report"
            + " where their output differs (matrix).")
    boolean matrix;

    @Override
    public Integer call() {
        Path root = parent.repositoryRoot();
        Kustomize kustomize;
        try {
            kustomize = Kustomize.locate(kustomizePath);
        } catch (KustomizeException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Verifier verifier = new Verifier(root, kustomize).withWaivers(environment -> environment.spec().verify()
                .waivers().stream().map(w -> new Waiver(w.check(), w.resource(), w.reason())).toList());
        if (matrix) {
            verifier.withMatrix(KustomizeMatrix.others(kustomize));
        }
        verifier.withProgress((done, total) -> {
            if (total > QUIET_UP_TO) {
                err.println("verify: " + done + "/" + total + " environments");
            }
        });
        if (base != null) {
            verifier.withBase(baseRevision(root, kustomize));
        }
        // the tree check generates the whole tree: what does not depend on the specs starts now
        RepositoryGenerator.prepare();
        Verification result = verifier.verify(() -> SpecLoader.loadAll(root));
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? json(result) + "\n" : text(result));
        out.flush();
        return result.clean() ? Cli.OK : Cli.CHECK_FAILED;
    }

    /**
     * The base revision's controllers' objects, and the builds of the environments whose inputs or units differ
     * (the others build the same at both revisions).
     */
    private BaseRevision baseRevision(Path root, Kustomize kustomize) {
        try (RevisionExport revision = RevisionExport.of(root, base, RepoLayout.GENERATED_DIRS)) {
            Set<String> environments = new TreeSet<>(new RepoLayout(revision.dir()).environments());
            environments.retainAll(new RepoLayout(root).environments());
            Map<String, JsonNode> controllers = Reviewer.controllerObjects(revision.dir());
            Set<String> affected = Reviewer.affected(revision.dir(), root, RepoLayout.BUILD_INPUTS, environments,
                    controllers, Reviewer.controllerObjects(root));
            return new BaseRevision(base, controllers, new Reviewer(kustomize).unitBuilds(revision.dir(), "at " + base,
                    affected));
        } catch (GitException | KustomizeException e) {
            throw new UserError("verify: " + e.getMessage());
        }
    }

    /**
     * The findings a line each, except that three or more of one environment with the same field and problem
     * (a version bump's label on every object) share a line; then the waived findings, the prerequisites, what to
     * do about golden files that differ from the builds, and the summary.
     */
    static String text(Verification result) {
        StringBuilder text = new StringBuilder();
        Map<List<Object>, List<Finding>> groups = new LinkedHashMap<>();
        List<Finding> findings = result.findings();
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            // a finding about a whole resource or file stands alone
            List<Object> key = finding.field().isEmpty() ? List.of(i)
                    : List.of(finding.environment(), finding.field(), finding.problem(), finding.check());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(finding);
        }
        for (List<Finding> group : groups.values()) {
            if (group.size() < SHARED_LINE) {
                group.forEach(finding -> text.append(finding).append('\n'));
                continue;
            }
            Finding first = group.get(0);
            List<String> names = group.stream().map(Finding::resource).toList();
            text.append(first.environment()).append(' ').append(first.field()).append(" in ").append(group.size())
                    .append(" resources (").append(String.join(", ", names.subList(0, Math.min(NAMED, names.size()))))
                    .append(names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "").append("): ")
                    .append(first.problem()).append(" [").append(first.check().id()).append("]\n");
        }
        result.waived().forEach(w -> text.append("waived: ").append(w.finding()).append(" (")
                .append(w.waiver().reason()).append(")\n"));
        result.prerequisites().forEach(p -> text.append(prerequisite(p)).append('\n'));
        // a missing or stale golden's own finding says what to do already
        if (result.findings().stream().anyMatch(GoldenCheck::isBuildDifference)) {
            text.append("golden: if the builds above are the change you meant, re-record the goldens with regen"
                    + " --goldens and review the diff of rendered/\n");
        }
        return text.append(summary(result)).append('\n').toString();
    }

    /** {@code dev needs Secret/code-story-secrets from outside Git (read by Deployment/code-story-api, …)}. */
    static String prerequisite(Verification.Prerequisite prerequisite) {
        List<String> by = prerequisite.neededBy();
        return prerequisite.environment() + " needs " + prerequisite.resource() + " from outside Git before its first"
                + " sync (read by " + String.join(", ", by.subList(0, Math.min(3, by.size())))
                + (by.size() > 3 ? " and " + (by.size() - 3) + " more" : "") + ")";
    }

    static String summary(Verification result) {
        String waived = result.waived().isEmpty() ? "" : ", " + result.waived().size() + " waived";
        return "verify: " + count(result.environments(), "environment") + ", " + count(result.findings().size(),
                "finding") + waived + " (" + result.checks() + " checks in " + seconds(result) + " s)";
    }

    static String json(Verification result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode document = mapper.createObjectNode();
        ArrayNode findings = document.putArray("findings");
        result.findings().forEach(finding -> findings.add(json(mapper, finding)));
        ArrayNode waived = document.putArray("waived");
        result.waived().forEach(w -> waived.add(json(mapper, w.finding()).put("reason", w.waiver().reason())));
        ArrayNode prerequisites = document.putArray("prerequisites");
        for (Verification.Prerequisite prerequisite : result.prerequisites()) {
            ObjectNode node = prerequisites.addObject();
            node.put("env", prerequisite.environment());
            node.put("resource", prerequisite.resource());
            prerequisite.neededBy().forEach(node.putArray("neededBy")::add);
        }
        ObjectNode summary = document.putObject("summary");
        summary.put("environments", result.environments());
        summary.put("findings", result.findings().size());
        summary.put("waived", result.waived().size());
        summary.put("checks", result.checks());
        summary.put("seconds", Double.parseDouble(seconds(result)));
        summary.put("ok", result.clean());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository-wide environment "-" and an empty field are null, not placeholders, in JSON. */
    private static ObjectNode json(ObjectMapper mapper, Finding finding) {
        ObjectNode node = mapper.createObjectNode();
        node.put("env", finding.environment().equals(Finding.NO_ENVIRONMENT) ? null : finding.environment());
        node.put("resource", finding.resource());
        node.put("field", finding.field().isEmpty() ? null : finding.field());
        node.put("problem", finding.problem());
        node.put("check", finding.check().id());
        return node;
    }

    private static String seconds(Verification result) {
        return String.format(Locale.ROOT, "%.1f", result.elapsed().toMillis() / 1000.0);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
