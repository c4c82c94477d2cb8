package dev.codestory.gitops.spec;

/** One thing wrong with a spec, printed as {@code <file>:<line>:<col>: <field path>: <message>}. */
public record SpecProblem(SourcePosition position, String fieldPath, String message) {

    @Override
    public String toString() {
        String field = fieldPath.isEmpty() ? "(document)" : fieldPath;
        return position + ": " + field + ": " + message;
    }
}
