package dev.codestory.gitops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.codestory.gitops.layout.RepoLayout;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --repo}: the repository root, for every command. Defaults to the root Maven passes in, else the current
 * directory or the nearest parent with an {@code overlays/} directory.
 */
final class RepositoryOption {

    static final String ROOT_PROPERTY = "codestory.repo.root";

    @Option(names = "--repo", paramLabel = "<dir>", scope = ScopeType.INHERIT, description = "Repository root (default: the current directory"
            + " or the nearest parent with an overlays/ directory).")
    Path repo;

    Path root() {
        Path root = repo;
        if (root == null) {
            String property = System.getProperty(ROOT_PROPERTY);
            root = property != null ? Path.of(property) : nearestRepository(Path.of("").toAbsolutePath());
        }
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new UserError(root + (Files.exists(root) ? " is not a directory" : " does not exist")
                    + "; pass --repo <dir> with the repository's root");
        }
        if (!Files.isDirectory(root.resolve(RepoLayout.OVERLAYS))) {
            throw new UserError(root + " is not a code-story-gitops repository (it has no overlays/ directory);"
                    + " run from the repository root or pass --repo <dir>");
        }
        try {
            // the repository's real path: two runs through different links to one tree are one tree
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }

    private static Path nearestRepository(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(RepoLayout.OVERLAYS))) {
                return dir;
            }
        }
        return start;
    }
}
