package dev.codestory.gitops.cli;

import java.io.PrintWriter;

import dev.codestory.gitops.check.KustomizeException;
import dev.codestory.gitops.git.GitException;
import dev.codestory.gitops.spec.SpecException;
import dev.codestory.gitops.tree.RegenException;
import picocli.CommandLine;

/** Builds the command line for {@code main} and for tests alike: writers, exit codes, error handling. */
public final class Cli {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    private Cli() {
    }

    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new RootCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(exception -> BAD_INPUT);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println(exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, cmd.getErr());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            PrintWriter stderr = cmd.getErr();
            if (exception instanceof SpecException spec) {
                spec.problems().forEach(stderr::println);
                stderr.println(spec.problems().size() + " problem(s) in the environment specs; nothing was written.");
                return BAD_INPUT;
            }
            if (exception instanceof UserError || exception instanceof RegenException
                    || exception instanceof GitException || exception instanceof KustomizeException) {
                stderr.println(exception.getMessage());
                return BAD_INPUT;
            }
            throw exception;
        });
        return commandLine;
    }
}
