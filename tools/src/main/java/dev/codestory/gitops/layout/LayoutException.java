package dev.codestory.gitops.layout;

/**
 * A path the tool will not read, write or delete: outside the repository, through a symbolic link, not a path
 * regen generates, or something other than a regular file where one is expected. Bad input: exit code 2,
 * nothing written. The message names the path and never quotes the content of a file.
 */
public class LayoutException extends RuntimeException {

    private final String path;
    private final String problem;

    /** {@code path}: repository-relative; {@code problem}: what is wrong with it, without the path. */
    public LayoutException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
