package dev.codestory.gitops.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: each overlay's {@code kustomize build} output, committed as {@code rendered/<env>.yaml} so that
 * a pull request shows what every cluster will receive. The header records which kustomize made it.
 */
public final class Goldens {

    public static final String DIR = "rendered";

    private Goldens() {
    }

    public static Path path(Path root, String environment) {
        return root.resolve(DIR).resolve(environment + ".yaml");
    }

    public static void write(Path root, String environment, Kustomize kustomize, String build) {
        String header = "# kustomize build overlays/" + environment + " (kustomize " + kustomize.version() + ")."
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
