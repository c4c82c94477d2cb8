package dev.codestory.gitops.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --repo}: the repository root. Defaults to the root Maven passes in, else the current directory. */
final class RepositoryOption {

    static final String ROOT_PROPERTY = "codestory.repo.root";

    @Option(names = "--repo", paramLabel = "<dir>", description = "Repository root (default: the current directory).")
    Path repo;

    Path root() {
        Path root = repo;
        if (root == null) {
            String property = System.getProperty(ROOT_PROPERTY);
            root = Path.of(property != null ? property : "");
        }
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("overlays"))) {
            throw new UserError(root + " is not a code-story-gitops repository (it has no overlays/ directory);"
                    + " run from the repository root or pass --repo <dir>");
        }
        return root;
    }
}
