package dev.codestory.gitops.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        for (Environment environment : environments) {
            String dir = "overlays/" + environment.name();
            units.add(new Unit(environment.name(), dir));
            if (Files.isRegularFile(root.resolve(dir).resolve("migrate").resolve("kustomization.yaml"))) {
                units.add(new Unit(environment.name() + ".migrate", dir + "/migrate"));
            }
        }
        return units;
    }

    public static Path path(Path root, String environment) {
        return root.resolve(DIR).resolve(environment + ".yaml");
    }

    public static void write(Path root, String environment, Kustomize kustomize, String build) {
        String directory = environment.endsWith(".migrate")
                ? "overlays/" + environment.substring(0, environment.length() - 8) + "/migrate" : "overlays/" + environment;
        String header = "# kustomize build " + directory + " (kustomize " + kustomize.version() + ")."
                + " Golden file: re-record with\n# mvn -B verify -Dgoldens.record=true\n";
        try {
            Path path = path(root, environment);
            Files.createDirectories(path.getParent());
            Files.writeString(path, header + build, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
