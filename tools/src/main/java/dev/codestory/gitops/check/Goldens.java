package dev.codestory.gitops.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.codestory.gitops.spec.Environment;

/**
 * Golden files: each overlay's {@code kustomize build} output, committed as {@code rendered/<env>.yaml} so that
 * a pull request shows what every cluster will receive. The header records which kustomize made it.
 */
public final class Goldens {

    public static final String DIR = "rendered";

    private Goldens() {
    }

    /**
     * A unit Argo CD or Flux syncs: {@code overlays/<env>} (golden {@code <env>.yaml}) and, under Flux, the
     * migration's {@code overlays/<env>/migrate} (golden {@code <env>.migrate.yaml}).
     */
    public record Unit(String name, String directory) {
    }

    public static List<Unit> units(Path root, List<Environment> environments) {
        List<Unit> units = new ArrayList<>();
        environments.forEach(environment -> units.addAll(units(root, environment.name())));
        return units;
    }

    /** The units of one environment, by the name of its overlay directory. */
    public static List<Unit> units(Path root, String environment) {
        String dir = "overlays/" + environment;
        if (Files.isRegularFile(root.resolve(dir).resolve("migrate").resolve("kustomization.yaml"))) {
            return List.of(new Unit(environment, dir), new Unit(environment + ".migrate", dir + "/migrate"));
        }
        return List.of(new Unit(environment, dir));
    }

    /** The golden files on disk, by unit name. */
    public static SortedMap<String, Path> recorded(Path root) {
        SortedMap<String, Path> goldens = new TreeMap<>();
        Path dir = root.resolve(DIR);
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

    public static Path path(Path root, String environment) {
        return root.resolve(DIR).resolve(environment + ".yaml");
    }

    public static void write(Path root, Unit unit, Kustomize kustomize, String build) {
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
