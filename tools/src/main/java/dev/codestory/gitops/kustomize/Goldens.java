package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * Golden files: each overlay's {@code kustomize build} output, committed as {@code rendered/<env>.yaml} so that
 * a pull request shows what every cluster will receive. The header records which kustomize made it.
 */
public final class Goldens {

    private Goldens() {
    }

    /** The golden files on disk, by unit name. */
    public static SortedMap<String, Path> recorded(Path root) {
        SortedMap<String, Path> goldens = new TreeMap<>();
        Path dir = root.resolve(RepoLayout.GOLDENS);
        if (!Files.isDirectory(dir)) {
            return goldens;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml")) {
                    goldens.put(name.substring(0, name.length() - ".yaml".length()), file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return goldens;
    }

    public static Path path(Path root, String unit) {
        return root.resolve(RepoLayout.golden(unit));
    }

    public static void write(Path root, RepoLayout.Unit unit, Kustomize kustomize, String build) {
        String header = "# kustomize build " + unit.directory() + " (kustomize " + kustomize.version() + ")."
                + " Golden file: re-record with\n# mvn -B verify -Dgoldens.record=true\n";
        try {
            Path path = path(root, unit.name());
            Files.createDirectories(path.getParent());
            Files.writeString(path, header + build, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
