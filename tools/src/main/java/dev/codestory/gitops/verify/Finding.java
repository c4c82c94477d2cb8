package dev.codestory.gitops.verify;

/**
 * One problem {@code verify} found: in which environment ({@code <env>.migrate} for a Flux migration unit,
 * {@link #NO_ENVIRONMENT} for the repository as a whole), which resource ({@code Kind/name}, or a file), which
 * field (empty for the whole resource), what is wrong, and which check said so.
 */
public record Finding(String environment, String resource, String field, String problem, CheckId check) {

    public static final String NO_ENVIRONMENT = "-";

    @Override
    public String toString() {
        return environment + " " + resource + (field.isEmpty() ? "" : " " + field) + ": " + problem + " ["
                + check.id() + "]";
    }
}
