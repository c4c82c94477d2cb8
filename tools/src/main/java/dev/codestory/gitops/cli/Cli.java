package dev.codestory.gitops.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.codestory.gitops.kustomize.KustomizeException;
import dev.codestory.gitops.git.GitException;
import dev.codestory.gitops.layout.FileFaults;
import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.spec.SpecException;
import dev.codestory.gitops.workspace.RegenException;
import picocli.CommandLine;

/** Builds the command line for {@code main} and for tests alike: writers, exit codes, error handling. */
public final class Cli {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    /** What {@code --version} prints, on every command. */
    static final String VERSION = "code-story-gitops 0.1.0";

    private Cli() {
    }

    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("regen", RegenCommand::new);
        subcommands.put("diff", DiffCommand::new);
        subcommands.put("verify", VerifyCommand::new);
        subcommands.put("help", CommandLine.HelpCommand::new);
        return subcommands;
    }

    /** The word naming the subcommand: the first argument after any leading {@code --repo <dir>}. */
    private static String subcommandOf(String... args) {
        int i = 0;
        while (i < args.length && (args[i].equals("--repo") || args[i].startsWith("--repo="))) {
            i += args[i].equals("--repo") ? 2 : 1;
        }
        return i < args.length ? args[i] : "";
    }

    public static CommandLine commandLine(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * The command line for {@code args}. When they start with a subcommand other than help, only that one is
     * built: picocli reads every subcommand's annotations up front, and loads the classes they name.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new RootCommand());
        String first = subcommandOf(args);
        boolean one = SUBCOMMANDS.containsKey(first) && !first.equals("help");
        SUBCOMMANDS.forEach((name, factory) -> {
            if (!one || name.equals(first)) {
                commandLine.addSubcommand(name, factory.get());
            }
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(exception -> BAD_INPUT);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
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
                    || exception instanceof GitException || exception instanceof KustomizeException
                    || exception instanceof LayoutException) {
                stderr.println(exception.getMessage());
                return BAD_INPUT;
            }
            if (exception instanceof UncheckedIOException io) {
                // a file-system fault (permissions, a full disk, a file where a directory goes): named, no trace
                stderr.println(FileFaults.describe(io.getCause()));
                return BAD_INPUT;
            }
            throw exception;
        });
        return commandLine;
    }
}
