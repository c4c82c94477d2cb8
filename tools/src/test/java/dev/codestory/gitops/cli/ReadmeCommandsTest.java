package dev.codestory.gitops.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.TestRepo;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** What the README says about the command line is what the command line does. */
class ReadmeCommandsTest {

    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");
    private static final String PROD = "overlays/prod/env.yaml";

    private static String readme() throws IOException {
        return Files.readString(TestRepo.projectRoot().resolve("README.md"), StandardCharsets.UTF_8);
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The first fenced block after {@code marker}, without its fences. */
    private static String blockAfter(String text, String marker) {
        int at = text.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        int open = text.indexOf("```\n", at);
        int close = text.indexOf("\n```", open + 4);
        return text.substring(open + 4, close + 1);
    }

    /**
     * "Changing an environment" shows regen's output for two mistakes in prod's spec: the output is regen's, for the
     * fixture prod spec (a copy of the seed's) with the edits the README names.
     */
    @Test
    void theSpecErrorExampleIsWhatRegenPrints(@TempDir Path temp) throws IOException {
        String section = section(readme(), "Changing an environment");
        assertThat(section).contains("`api.resources.requests.cpu` raised to `3000m`")
                .contains("`api.autoscaling.maxReplicas` lowered to `2`");
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        String spec = repo.read(PROD);
        assertThat(spec).contains("      cpu: 500m\n").contains("    maxReplicas: 20\n");
        repo.write(PROD, spec.replaceFirst("      cpu: 500m\n", "      cpu: 3000m\n")
                .replace("    maxReplicas: 20\n", "    maxReplicas: 2\n"));
        TestRepo.Result result = repo.run("regen");
        assertThat(result.exitCode()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).isEqualTo(blockAfter(section, "A spec mistake stops regen"));

        repo.write(PROD, spec.replaceFirst("(?m)^api:\n", "api:\n  replicaCont: 3\n"));
        result = repo.run("regen");
        Matcher unknown = Pattern.compile("reported first, on their own \\(`([^`]+)`\\)").matcher(section
                .replaceAll("\\s*\n\\s*", " "));
        assertThat(unknown.find()).isTrue();
        assertThat(result.err()).isEqualTo(unknown.group(1) + "\n1 problem(s) in the environment specs; nothing was"
                + " written.\n");
    }

    /**
     * The Commands table names every option of every command, and no option a command lacks. Help and version are
     * checked elsewhere ({@link CliTest}).
     */
    @Test
    void theCommandsTableNamesExactlyTheOptionsOfEachCommand() throws IOException {
        List<String> rows = section(readme(), "Commands").lines().filter(line -> line.startsWith("| `")).toList();
        CommandLine commandLine = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(
                new StringWriter()));
        List<String> problems = new ArrayList<>();
        for (String name : List.of("regen", "diff", "verify")) {
            Set<String> documented = new TreeSet<>();
            rows.stream().map(row -> row.split(" \\| ")[0]).filter(cell -> cell.startsWith("| `" + name))
                    .forEach(cell -> {
                        Matcher matcher = OPTION.matcher(cell);
                        while (matcher.find()) {
                            documented.add(matcher.group());
                        }
                    });
            Set<String> actual = new TreeSet<>();
            for (OptionSpec option : commandLine.getSubcommands().get(name).getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp() && !option.inherited()) {
                    actual.add(option.longestName());
                }
            }
            if (!documented.equals(actual)) {
                problems.add(name + ": the README names " + documented + ", the command has " + actual);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(rows).anyMatch(row -> row.startsWith("| `--repo <dir>` | any command, before or after its name"));
        assertThat(rows).anyMatch(row -> row.startsWith("| `--help`, `--version` | on every command"));
    }
}
