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
 * {@code kustomize} and {@code kubectl} on PATH, and the versioned {@code kubectl.1.27} to {@code kubectl.1.33}
 * that some installations (the Google Cloud SDK among them) keep beside the real {@code kubectl}.
 */
public final class KustomizeMatrix {

    static final int FIRST_MINOR = 27;
    static final int LAST_MINOR = 33;

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
        if (kubectl.isPresent()) {
            Path real = realPath(kubectl.get());
            found.putIfAbsent(real, kubectl.get());
            for (int minor = FIRST_MINOR; minor <= LAST_MINOR; minor++) {
                Path versioned = real.resolveSibling("kubectl.1." + minor);
                if (Files.isRegularFile(versioned) && Files.isExecutable(versioned)) {
                    found.putIfAbsent(realPath(versioned), versioned);
                }
            }
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
