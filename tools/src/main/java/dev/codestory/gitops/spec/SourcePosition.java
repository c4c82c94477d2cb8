package dev.codestory.gitops.spec;

/** Where a value was written: a file (relative to the repository root), 1-based line and column. */
public record SourcePosition(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
