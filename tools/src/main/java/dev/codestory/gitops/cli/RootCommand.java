package dev.codestory.gitops.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "code-story-gitops",
        mixinStandardHelpOptions = true,
        version = Cli.VERSION,
        description = "Generates, checks and commits the Code Story GitOps repository.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a check found differences or findings", "2:bad input (spec, options,"
                + " files in the way, missing tools)"})
final class RootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** {@code --repo}, inherited by every subcommand: it may stand before or after the subcommand's name. */
    @Mixin
    RepositoryOption repository;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Path repositoryRoot() {
        return repository.root();
    }
}
