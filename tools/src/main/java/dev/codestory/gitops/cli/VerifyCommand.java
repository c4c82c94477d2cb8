package dev.codestory.gitops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.codestory.gitops.verify.Finding;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.kustomize.KustomizeException;
import dev.codestory.gitops.kustomize.KustomizeMatrix;
import dev.codestory.gitops.verify.Verification;
import dev.codestory.gitops.verify.Verifier;
import dev.codestory.gitops.verify.Waiver;
import dev.codestory.gitops.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = {"Runs every check a pull request needs, and writes nothing.",
                "Once: the generated tree is what regen would write (tree). For every",
                "environment, in parallel: the overlay (and Flux migration) builds (build),",
                "equals its golden file (golden), matches the schemas of its kinds (schema),",
                "has no broken reference (references), and meets the policies: Pod Security",
                "\"restricted\", probes, requests and limits, read-only root file system, no",
                "latest image outside development, name budgets, no secret values (policy).",
                "Prints one line per finding, '<env> <Kind>/<name> <field>: <problem> [<check>]',",
                "then a summary."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding", "1:findings", "2:bad input (a spec problem, no kustomize, an unknown"
                + " option)"})
final class VerifyCommand implements Callable<Integer> {

    enum Format { text, json }

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

    @Option(names = "--kustomize-matrix", description = "Also build every overlay with every other kustomize found"
            + " (kustomize and kubectl on PATH, kubectl.1.27 to kubectl.1.33 beside kubectl) and report where"
            + " their output differs (matrix).")
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
        Verification result = verifier.verify(() -> SpecLoader.loadAll(root));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(result));
        } else {
            result.findings().forEach(out::println);
            result.waived().forEach(w -> out.println("waived: " + w.finding() + " (" + w.waiver().reason() + ")"));
            out.println(summary(result));
        }
        out.flush();
        return result.clean() ? Cli.OK : Cli.CHECK_FAILED;
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
