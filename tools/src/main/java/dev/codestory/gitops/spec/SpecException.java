package dev.codestory.gitops.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: one or more problems in the environment specs. Nothing has been written when this is thrown. */
public final class SpecException extends RuntimeException {

    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
