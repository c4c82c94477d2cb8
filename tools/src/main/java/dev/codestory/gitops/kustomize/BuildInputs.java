package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * its own directory (symbolic links resolved), and other kustomizations only through the directories its
 * {@code resources}, {@code components} and {@code bases} name; so the fingerprint covers every file below the
 * built directory and below each directory reached that way, by content and by path relative to the built
 * directory (output does not depend on where the tree lies). It covers more than a build reads (a spec beside the
 * kustomization, say): that only costs a build that could have been spared.
 *
 * <p>Where the inputs cannot be known there is no fingerprint, and the build simply runs: a kustomization with a
 * field this class does not know (a Helm chart, a plugin, a YAML merge key), any value that names a URL or an
 * absolute path, a missing or unparsable kustomization.
 */
final class BuildInputs {

    private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");
    private static final List<String> DIRECTORY_FIELDS = List.of("resources", "components", "bases");
    /**
     * The fields whose inputs are files below the kustomization or the directories above: any other (charts,
     * plugins, fields of a later kustomize) could read elsewhere.
     */
    private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "metadata", "namespace",
            "namePrefix", "nameSuffix", "labels", "commonLabels", "commonAnnotations", "resources", "components",
            "bases", "patches", "patchesStrategicMerge", "patchesJson6902", "images", "replicas",
            "configMapGenerator", "secretGenerator", "generatorOptions", "replacements", "vars", "crds", "openapi",
            "configurations", "buildMetadata", "sortOptions");

    private BuildInputs() {
    }

    /** The fingerprint of building {@code dir}. */
    static Optional<String> fingerprint(Path dir) {
        try {
            Path built = dir.toRealPath();
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
            if (!KNOWN_FIELDS.containsAll(fieldNames(kustomization)) || readsElsewhere(kustomization)) {
                return null;
            }
            for (String field : DIRECTORY_FIELDS) {
                for (JsonNode entry : kustomization.path(field)) {
                    Path target = next.resolve(entry.asText());
                    if (!entry.isTextual() || !Files.exists(target)) {
                        return null; // a remote resource without a scheme, or one kustomize reports as missing
                    }
                    if (Files.isDirectory(target)) {
                        pending.push(target.toRealPath()); // kustomize resolves links before it loads a root
                    }
                }
            }
        }
        return seen;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Whether any value names a URL (kustomize fetches remote files too) or an absolute path. */
    private static boolean readsElsewhere(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().contains("://") || node.asText().startsWith("/");
        }
        for (JsonNode child : node) {
            if (readsElsewhere(child)) {
                return true;
            }
        }
        return false;
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
