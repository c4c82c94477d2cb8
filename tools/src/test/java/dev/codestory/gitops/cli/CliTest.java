package dev.codestory.gitops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line builds only the subcommand it runs, yet help and suggestions still know every one. */
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
    void theUsageListsEverySubcommand() {
        assertThat(commandLine().execute()).isEqualTo(Cli.OK);
        assertThat(out.toString()).contains("regen", "diff", "verify", "help");
    }
}
