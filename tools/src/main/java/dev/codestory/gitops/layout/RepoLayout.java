package dev.codestory.gitops.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shape of the repository: every path the tool reads, writes or deletes is named here, and here alone are
 * environments discovered. Paths are repository-relative and written with '/'.
 *
 * <pre>
 * base/                          what every environment shares
 * components/&lt;name&gt;/             opt-in kustomize Components
 * overlays/&lt;env&gt;/env.yaml         an environment's spec (the only hand-written input)
 * overlays/&lt;env&gt;/local/           the user's own Component, never written by the tool
 * overlays/&lt;env&gt;/images/          the versions the environment runs (a Component of kustomize images:), where
 *                                image-automation tools write; regen seeds it once and then only reads it
 * overlays/&lt;env&gt;/[migrate/]       the units a controller syncs
 * overlays/&lt;env&gt;.secondary/[migrate/]   the same without the migration and Celery beat, for other clusters
 * clusters/argocd[/bootstrap], clusters/flux/&lt;cluster&gt;/   the controllers' own objects
 * rendered/&lt;unit&gt;.yaml            golden files
 * generated.lock                 every generated file and its hash
 * </pre>
 */
public final class RepoLayout {

    public static final String BASE = "base";
    public static final String COMPONENTS = "components";
    public static final String OVERLAYS = "overlays";
    public static final String CLUSTERS = "clusters";
    public static final String ARGOCD = CLUSTERS + "/argocd";
    /** Argo CD's root Application and its project, applied by hand once (the root syncs ARGOCD, not below). */
    public static final String ARGOCD_BOOTSTRAP = ARGOCD + "/bootstrap";
    public static final String FLUX = CLUSTERS + "/flux";
    public static final String GOLDENS = "rendered";
    public static final String LOCK_FILE = "generated.lock";
    public static final String SPEC_FILE = "env.yaml";
    public static final String KUSTOMIZATION = "kustomization.yaml";
    /** The user-owned component directory of an overlay, which regen includes but never writes. */
    public static final String LOCAL = "local";
    /** The Component holding an environment's image versions, shared by all its units: an input, seeded once. */
    public static final String IMAGES = "images";
    public static final String MIGRATE = "migrate";
    public static final String SECONDARY = "secondary";
    public static final String PATCHES = "patches";
    /** The directories regen generates into. */
    public static final List<String> GENERATED_DIRS = List.of(BASE, COMPONENTS, OVERLAYS, CLUSTERS);
    /** What a kustomize build of any overlay reads. */
    public static final List<String> BUILD_INPUTS = List.of(BASE, COMPONENTS, OVERLAYS);

    /**
     * A unit a controller syncs: {@code overlays/<env>} (golden {@code <env>.yaml}) and, under Flux, the
     * migration's {@code overlays/<env>/migrate} (golden {@code <env>.migrate.yaml}); for the clusters that run
     * neither the migration nor Celery beat, {@code overlays/<env>.secondary} and under Flux
     * {@code overlays/<env>.secondary/migrate} ({@code <env>.secondary.yaml}, {@code <env>.secondary.migrate.yaml}).
     */
    public record Unit(String name, String directory) {
    }

    private final Path root;

    public RepoLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    public static String overlay(String environment) {
        return OVERLAYS + "/" + environment;
    }

    public static String specFile(String environment) {
        return overlay(environment) + "/" + SPEC_FILE;
    }

    /** {@code overlays/<env>/images}: the directory of the environment's images Component. */
    public static String imagesComponent(String environment) {
        return overlay(environment) + "/" + IMAGES;
    }

    /** {@code overlays/<env>/images/kustomization.yaml}: the environment's image versions. */
    public static String imagesFile(String environment) {
        return imagesComponent(environment) + "/" + KUSTOMIZATION;
    }

    /** The environment whose images file a path is ({@code overlays/<env>/images/kustomization.yaml}), or null. */
    public static String environmentOfImagesFile(String path) {
        String[] parts = path.split("/");
        return parts.length == 4 && parts[0].equals(OVERLAYS) && parts[2].equals(IMAGES)
                && parts[3].equals(KUSTOMIZATION) ? parts[1] : null;
    }

    public static String migrateUnit(String environment) {
        return overlay(environment) + "/" + MIGRATE;
    }

    /**
     * The overlay of the clusters that run neither the migration nor Celery beat: beside the environment's overlay,
     * since kustomize refuses a kustomization that includes a directory above it. An environment's name has no
     * dot, so this is never another environment's overlay.
     */
    public static String secondary(String environment) {
        return overlay(environment) + "." + SECONDARY;
    }

    /** The environment whose units a directory belongs to ({@code overlays/<env>[.secondary][/...]}), or null. */
    public static String environmentOf(String directory) {
        String[] parts = directory.split("/");
        if (parts.length < 2 || !parts[0].equals(OVERLAYS)) {
            return null;
        }
        int dot = parts[1].indexOf('.');
        return dot < 0 ? parts[1] : parts[1].substring(0, dot);
    }

    public static String component(String directory) {
        return COMPONENTS + "/" + directory;
    }

    public static String fluxCluster(String cluster) {
        return FLUX + "/" + cluster;
    }

    public static String golden(String unit) {
        return GOLDENS + "/" + unit + ".yaml";
    }

    /** The environment a spec file path names ({@code overlays/<env>/env.yaml}), or null for any other path. */
    public static String environmentOfSpec(String path) {
        String[] parts = path.split("/");
        return parts.length == 3 && parts[0].equals(OVERLAYS) && parts[2].equals(SPEC_FILE) ? parts[1] : null;
    }

    /** Every environment: each directory under {@code overlays/} holding a spec file, sorted by name. */
    public List<String> environments() {
        Path overlays = root.resolve(OVERLAYS);
        if (!Files.isDirectory(overlays)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(overlays)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve(SPEC_FILE)))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasLocalComponent(String environment) {
        return Files.isRegularFile(root.resolve(overlay(environment)).resolve(LOCAL).resolve(KUSTOMIZATION));
    }

    /** The units of one environment as the tree on disk has them. */
    public List<Unit> units(String environment) {
        List<Unit> units = new ArrayList<>(List.of(new Unit(environment, overlay(environment))));
        for (String directory : List.of(migrateUnit(environment), secondary(environment),
                secondary(environment) + "/" + MIGRATE)) {
            if (Files.isRegularFile(root.resolve(directory).resolve(KUSTOMIZATION))) {
                units.add(new Unit(directory.substring(OVERLAYS.length() + 1).replace('/', '.'), directory));
            }
        }
        return units;
    }

    public List<Unit> units(List<String> environments) {
        List<Unit> units = new ArrayList<>();
        environments.forEach(environment -> units.addAll(units(environment)));
        return units;
    }
}
