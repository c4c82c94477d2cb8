package dev.codestory.gitops.kustomize;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --kustomize-matrix}: every kustomize at hand, to catch output that depends on the kustomize version:
 * {@code kustomize} and {@code kubectl} on PATH, and the versioned {@code kubectl.1.27} to {@code kubectl.1.35}
 * (kustomize 5.0.1 to 5.7.1) that some installations (the Google Cloud SDK among them) keep beside the real
 * {@code kubectl}, or that are on PATH themselves (CI puts kubectl 1.34 and 1.35 there).
 */
public final class KustomizeMatrix {

    static final int FIRST_MINOR = 27;
    static final int LAST_MINOR = 35;

    private KustomizeMatrix() {
    }

    /** Every kustomize found but {@code chosen}, each once (by its real path). */
    public static List<Kustomize> others(Kustomize chosen) {
        Path chosenBinary = realPath(Path.of(chosen.command().get(0)));
        return binaries(System.getenv().getOrDefault("PATH", "")).stream()
                .filter(binary -> !realPath(binary).equals(chosenBinary))
                .map(Kustomize::of)
                .toList();
    }

    /**
     * The binaries found on {@code path} (a PATH value), in the order described above, each once: two paths to the
     * same file count once. Each is returned as found, not resolved, since a multi-call binary may go by its name.
     */
    static List<Path> binaries(String path) {
        Map<Path, Path> found = new LinkedHashMap<>();
        find("kustomize", path).ifPresent(binary -> found.putIfAbsent(realPath(binary), binary));
        Optional<Path> kubectl = find("kubectl", path);
        kubectl.ifPresent(binary -> found.putIfAbsent(realPath(binary), binary));
        for (int minor = FIRST_MINOR; minor <= LAST_MINOR; minor++) {
            String name = "kubectl.1." + minor;
            Optional<Path> versioned = kubectl.map(binary -> realPath(binary).resolveSibling(name))
                    .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                    .or(() -> find(name, path));
            versioned.ifPresent(binary -> found.putIfAbsent(realPath(binary), binary));
        }
        return List.copyOf(found.values());
    }

    private static Optional<Path> find(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path file = Path.of(dir, name);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    static Path realPath(Path binary) {
        try {
            return binary.toRealPath();
        } catch (IOException e) {
            return binary.toAbsolutePath().normalize();
        }
    }
}
