package dev.codestory.gitops.verify;

/** A problem at a field of one object, before it is placed in an environment and a check. */
record FieldProblem(String field, String problem) {
}
