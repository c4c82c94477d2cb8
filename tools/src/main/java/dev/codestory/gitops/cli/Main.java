package dev.codestory.gitops.cli;

/** Entry point for {@code java -jar} and {@code mvn exec:java}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = Cli.commandLine(args).execute(args);
        System.exit(exitCode);
    }
}
