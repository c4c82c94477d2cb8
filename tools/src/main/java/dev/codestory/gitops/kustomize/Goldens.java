package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.codestory.gitops.layout.FileFaults;
import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * Golden files: each overlay's {@code kustomize build} output, committed as {@code rendered/<env>.yaml} so that
 * a pull request shows what every cluster will receive. The header records which kustomize made it. They are
 * reached through {@link RepoLayout}: neither {@code rendered/} nor a golden file may be a symbolic link.
 */
public final class Goldens {

    private Goldens() {
    }

    /** The golden files on disk (regular files named {@code <unit>.yaml}), by unit name. */
    public static SortedMap<String, Path> recorded(Path root) {
        RepoLayout layout = new RepoLayout(root);
        SortedMap<String, Path> goldens = new TreeMap<>();
        Path dir = layout.goldens();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return goldens;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") && !name.startsWith(".")
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    goldens.put(name.substring(0, name.length() - ".yaml".length()), file);
                }
            }
        } catch (IOException e) {
            throw new LayoutException(RepoLayout.GOLDENS, "cannot be listed: " + FileFaults.reason(e));
        }
        return goldens;
    }

    public static Path path(Path root, String unit) {
        return new RepoLayout(root).goldenFile(unit);
    }

    /** A golden file's bytes, and whether recording changed the file (a new file, or other bytes). */
    public record Written(byte[] bytes, boolean changed) {
    }

    /**
     * Writes the unit's golden file, unless it holds these bytes already (an untouched file keeps its time, and a
     * recording run can say what it changed).
     */
    public static Written write(Path root, RepoLayout.Unit unit, Kustomize kustomize, String build) {
        String header = "# kustomize build " + unit.directory() + " (kustomize " + kustomize.version() + ")."
                + " Golden file: re-record with\n# mvn -B verify -Dgoldens.record=true\n";
        RepoLayout layout = new RepoLayout(root);
        Path path = layout.goldenFile(unit.name());
        String file = RepoLayout.golden(unit.name());
        try {
            BasicFileAttributes attributes = attributes(path);
            if (attributes != null && !attributes.isRegularFile()) {
                throw new LayoutException(file, (attributes.isDirectory() ? "a directory" : "something other than a"
                        + " file") + " stands where regen --goldens records the golden file; move it away");
            }
            byte[] content = (header + build).getBytes(StandardCharsets.UTF_8);
            if (attributes != null && attributes.size() == content.length
                    && Arrays.equals(Files.readAllBytes(path), content)) {
                return new Written(content, false);
            }
            Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                out.write(content);
            }
            return new Written(content, true);
        } catch (IOException e) {
            throw new LayoutException(file, "cannot be written: " + FileFaults.reason(e));
        }
    }

    /** Deletes a golden file of no unit. */
    static void delete(Path root, String unit) {
        try {
            Path path = new RepoLayout(root).goldenFile(unit);
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new LayoutException(RepoLayout.golden(unit), "cannot be removed: " + FileFaults.reason(e));
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
