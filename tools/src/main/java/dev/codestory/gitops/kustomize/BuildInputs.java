package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * Everything one {@code kustomize build} can read, as one fingerprint: two directories with the same fingerprint
 * build into the same output. Under kustomize's default load restrictions a kustomization reads files only below
 * its own directory, and other kustomizations only through the directories its {@code resources},
 * {@code components} and {@code bases} name; so the fingerprint covers every file below the built directory and
 * below each directory reached that way, by content and by path relative to the built directory (output does not
 * depend on where the tree lies).
 *
 * <p>Where the inputs cannot be known (a remote resource, a plugin or Helm chart, a kustomization that does not
 * parse) there is no fingerprint, and the build is simply run.
 */
final class BuildInputs {

    private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");
    private static final List<String> DIRECTORY_FIELDS = List.of("resources", "components", "bases");
    /** Fields that read outside the tree (charts, plugins): their output is not a function of the files alone. */
    private static final List<String> OPAQUE_FIELDS = List.of("helmCharts", "helmGlobals", "generators",
            "transformers", "validators");

    private BuildInputs() {
    }

    /** The fingerprint of building {@code dir}. */
    static Optional<String> fingerprint(Path dir) {
        try {
            Path built = dir.toAbsolutePath().normalize();
            Set<Path> roots = kustomizationRoots(built);
            return roots == null ? Optional.empty() : Optional.of(digest(built, roots));
        } catch (IOException | RuntimeException e) { // unreadable or not YAML: kustomize will say what is wrong
            return Optional.empty();
        }
    }

    /** {@code dir} and every kustomization directory it reaches, or null when a build would read elsewhere. */
    private static Set<Path> kustomizationRoots(Path dir) throws IOException {
        Set<Path> seen = new TreeSet<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(dir));
        while (!pending.isEmpty()) {
            Path next = pending.pop();
            if (!seen.add(next)) {
                continue;
            }
            Optional<Path> file = KUSTOMIZATION_FILES.stream().map(next::resolve).filter(Files::isRegularFile)
                    .findFirst();
            if (file.isEmpty()) {
                return null;
            }
            List<JsonNode> documents = YamlRenderer.instance().parse(Files.readString(file.get()));
            if (documents.size() != 1 || !documents.get(0).isObject()) {
                return null;
            }
            JsonNode kustomization = documents.get(0);
            if (OPAQUE_FIELDS.stream().anyMatch(kustomization::has)) {
                return null;
            }
            for (String field : DIRECTORY_FIELDS) {
                for (JsonNode entry : kustomization.path(field)) {
                    Path target = next.resolve(entry.asText()).normalize();
                    if (!entry.isTextual() || entry.asText().contains("://") || !Files.exists(target)) {
                        return null; // a remote resource, or one kustomize would report as missing
                    }
                    if (Files.isDirectory(target)) {
                        pending.push(target);
                    }
                }
            }
        }
        return seen;
    }

    private static String digest(Path dir, Set<Path> roots) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        for (Path kustomizationRoot : roots) {
            try (Stream<Path> walk = Files.walk(kustomizationRoot, FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(Files::isRegularFile).forEach(file -> files.put(dir.relativize(file).toString(), file));
            }
        }
        MessageDigest sha = sha256();
        update(sha, String.valueOf(dir.getFileName()));
        for (var file : files.entrySet()) {
            update(sha, file.getKey());
            byte[] content = Files.readAllBytes(file.getValue());
            update(sha, Integer.toString(content.length));
            sha.update(content);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
