package dev.codestory.gitops.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * The versions an environment runs, one per image name: what its images file ({@code overlays/<env>/images/
 * kustomization.yaml}) says, or, while that file does not exist yet, what its spec seeds it with ({@code
 * *.image.tag}, {@code *.image.digest}, {@code global.imageRegistry}). Everything that depends on a version is
 * derived from here.
 */
public record ImageVersions(boolean seeded, List<Entry> entries) {

    /**
     * One {@code images:} entry: the image {@code name} as base writes it, an optional {@code newName}, the tag
     * and digest (each "" when absent; a {@code newTag} of {@code tag@digest} is split), and where it was written.
     */
    public record Entry(String name, String newName, String tag, String digest, SourcePosition position) {

        /** Runs {@code latest}: no digest, and the tag {@code latest} or none (which means latest). */
        public boolean latest() {
            return digest.isEmpty() && (tag.isEmpty() || tag.equals("latest"));
        }

        /** {@code newTag} as the seed writes it: the tag, with the digest after {@code @} when both are pinned. */
        public String newTag() {
            return digest.isEmpty() ? tag : tag + "@" + digest;
        }
    }

    /** The entry of an image name; an image without one runs untagged, that is {@code latest}. */
    public Entry of(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst()
                .orElse(new Entry(name, "", "", "", null));
    }

    /** The seed of a new environment's images file: the spec's images, one entry per repository, by name. */
    public static ImageVersions seed(Environment environment) {
        EnvSpec spec = environment.spec();
        Map<String, Entry> byName = new LinkedHashMap<>();
        runImages(spec).forEach((path, image) -> {
            String registry = spec.global().imageRegistry();
            byName.putIfAbsent(image.repository(), new Entry(image.repository(),
                    registry.isEmpty() ? "" : registry + "/" + image.repository(), image.tag(), image.digest(),
                    environment.positionOf(path + ".tag")));
        });
        List<Entry> entries = new ArrayList<>(byName.values());
        entries.sort(Comparator.comparing(Entry::name));
        return new ImageVersions(true, List.copyOf(entries));
    }

    /**
     * A short name for the image a spec path names ({@code api.image}: api, {@code celeryWorker.image}: worker):
     * Argo CD Image Updater's alias and the last part of the Flux ImagePolicy's name.
     */
    public static String alias(String imagePath) {
        return switch (imagePath) {
            case "celeryWorker.image" -> "worker";
            case "celeryBeat.image" -> "beat";
            default -> imagePath.substring(0, imagePath.indexOf('.'));
        };
    }

    /**
     * The Flux setter marker for the {@code newTag} of the image at {@code imagePath}:
     * {@code {"$imagepolicy": "<policyNamespace>:code-story-<env>-<alias>:tag"}}.
     */
    public static String fluxMarker(Environment environment, String imagePath) {
        return "{\"$imagepolicy\": \"" + environment.spec().gitops().imageUpdates().policyNamespace() + ":code-story-"
                + environment.name() + "-" + alias(imagePath) + ":tag\"}";
    }

    /**
     * Notes for the spec's image keys that only seeded the images file and now say another version than it: a
     * reader of the spec would take them for what runs.
     */
    public static List<String> staleSeeds(Environment environment) {
        String imagesFile = RepoLayout.imagesFile(environment.name());
        List<String> notes = new ArrayList<>();
        if (environment.images().seeded()) {
            return notes;
        }
        runImages(environment.spec()).forEach((path, image) -> {
            Entry entry = environment.images().of(image.repository());
            for (String key : List.of("tag", "digest")) {
                String seed = key.equals("tag") ? image.tag() : image.digest();
                String runs = key.equals("tag") ? entry.tag() : entry.digest();
                if (!environment.isDefault(path + "." + key) && !seed.equals(runs)) {
                    notes.add(environment.positionOf(path + "." + key) + ": " + path + "." + key + ": '" + seed
                            + "' only seeded " + imagesFile + ", which sets " + (runs.isEmpty() ? "none" : "'" + runs
                            + "'") + " (what " + environment.name() + " runs): remove the key from the spec");
                }
            }
        });
        return notes;
    }

    /** The image names the environment's workloads run, each with the first spec path that names it. */
    public static Map<String, String> pathsByName(EnvSpec spec) {
        Map<String, String> paths = new LinkedHashMap<>();
        runImages(spec).forEach((path, image) -> paths.putIfAbsent(image.repository(), path));
        return paths;
    }

    /** The images the environment's workloads run, by spec path ({@code api.image}), in the spec's order. */
    public static Map<String, EnvSpec.Image> runImages(EnvSpec spec) {
        Map<String, EnvSpec.Image> images = workloadImages(spec);
        if (!spec.celeryBeat().enabled()) {
            images.remove("celeryBeat.image");
        }
        if (!spec.web().enabled()) {
            images.remove("web.image");
        }
        if (!spec.admin().enabled()) {
            images.remove("admin.image");
        }
        return images;
    }

    /** The image of every workload, run or switched off, by spec path, in the spec's order. */
    static Map<String, EnvSpec.Image> workloadImages(EnvSpec spec) {
        Map<String, EnvSpec.Image> images = new LinkedHashMap<>();
        images.put("api.image", spec.api().image());
        images.put("celeryWorker.image", spec.celeryWorker().image());
        images.put("celeryBeat.image", spec.celeryBeat().image());
        images.put("web.image", spec.web().image());
        images.put("admin.image", spec.admin().image());
        return images;
    }
}
