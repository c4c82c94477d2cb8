package dev.codestory.gitops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "code-story-gitops",
        mixinStandardHelpOptions = true,
        version = "code-story-gitops 0.1.0",
        description = "Generates, checks and commits the Code Story GitOps repository.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a check found differences or findings", "2:bad input (spec, options,"
                + " files in the way, missing tools)"})
final class RootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
