package dev.codestory.gitops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line builds only the subcommand it runs, yet help and suggestions still know every one; every
 * command prints the version.
 */
class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(String... args) {
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aSubcommandRunBuildsOnlyThatSubcommand() {
        assertThat(commandLine("verify", "--format", "json").getSubcommands()).containsOnlyKeys("verify");
        assertThat(commandLine("regen").getSubcommands()).containsOnlyKeys("regen");
    }

    @Test
    void helpNoArgumentsAndUnknownWordsBuildEverySubcommand() {
        for (String[] args : new String[][] {{}, {"help"}, {"--help"}, {"regn"}}) {
            assertThat(commandLine(args).getSubcommands()).containsOnlyKeys("regen", "diff", "verify", "help");
        }
    }

    @Test
    void aMisspeltSubcommandGetsASuggestion() {
        assertThat(commandLine("regn").execute("regn")).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).contains("regen");
    }

    @Test
    void aLeadingRepoOptionStillBuildsOnlyTheSubcommand() {
        assertThat(commandLine("--repo", "x", "regen").getSubcommands()).containsOnlyKeys("regen");
        assertThat(commandLine("--repo=x", "verify").getSubcommands()).containsOnlyKeys("verify");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "regen --version", "verify --version", "diff --version", "regen -V"})
    void everyCommandPrintsTheVersion(String line) {
        String[] args = line.split(" ");
        assertThat(commandLine(args).execute(args)).isEqualTo(Cli.OK);
        assertThat(out.toString()).isEqualTo(Cli.VERSION + System.lineSeparator());
    }

    /** picocli lists each subcommand by its description's first line: a whole sentence, shown whole. */
    @Test
    void theTopLevelHelpShowsEachSubcommandsFirstSentenceWhole() {
        CommandLine commandLine = commandLine();
        assertThat(commandLine.execute()).isEqualTo(Cli.OK);
        String usage = out.toString().replaceAll("\\s+", " ");
        commandLine.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            String first = sub.getCommandSpec().usageMessage().description()[0];
            assertThat(first).as(name).endsWith(".");
            assertThat(usage).as(name).contains(" " + name + " " + first.replaceAll("\\s+", " "));
        });
    }

    @Test
    void theUsageListsEverySubcommand() {
        assertThat(commandLine().execute()).isEqualTo(Cli.OK);
        assertThat(out.toString()).contains("regen", "diff", "verify", "help");
    }
}
