package dev.codestory.gitops.analysis.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.EnvSpec.Controller;

/**
 * What one controller object under {@code clusters/} syncs: an Argo CD Application or a Flux Kustomization, the
 * cluster it applies to, the directory it builds, and what decides the order and the deletions of what it
 * applies.
 *
 * @param cluster          Flux: the cluster's directory name under {@code clusters/flux/}; Argo CD: the
 *                         destination's name, else its server
 * @param path             the directory built, repository-relative ({@code overlays/dev/migrate})
 * @param dependsOn        Flux: the Kustomizations this one waits for
 * @param prune            whether objects removed from the unit are deleted
 * @param keepsOnDeletion  whether deleting the unit leaves what it applied: an Application without Argo CD's
 *                         cascade finalizer; a Kustomization with {@code deletionPolicy: Orphan}, or the default
 *                         {@code MirrorPrune} without prune
 * @param createdNamespace Argo CD with {@code CreateNamespace=true}: the destination namespace, else null
 * @param forces           Flux {@code spec.force}: recreate any object whose update is refused
 */
public record SyncUnit(Controller controller, String cluster, String name, String path, List<String> dependsOn,
                       boolean prune, boolean keepsOnDeletion, String createdNamespace, boolean forces) {

    static final String ARGO_FINALIZER = "resources-finalizer.argocd.argoproj.io";

    /** {@code Application code-story-prod-us-east-1}, {@code Kustomization code-story-dev-migrate}. */
    public String describe() {
        return (controller == Controller.ARGOCD ? "Application " : "Kustomization ") + name;
    }

    /** The environment whose overlay this unit builds, or null for any other path. */
    public String environment() {
        return RepoLayout.environmentOf(path);
    }

    /**
     * Every Application and Kustomization among the controllers' objects, keyed as {@code ControllerObjects} keys
     * them.
     */
    public static List<SyncUnit> read(Map<String, JsonNode> controllerObjects) {
        List<SyncUnit> units = new ArrayList<>();
        controllerObjects.forEach((key, object) -> of(key, object).ifPresent(units::add));
        return units;
    }

    /** The unit {@code object} is, if it is an Application or a Kustomization; {@code key} as in {@link #read}. */
    public static Optional<SyncUnit> of(String key, JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonNode spec = object.path("spec");
        String name = object.path("metadata").path("name").asText();
        if (kind.equals("Application") && apiVersion.startsWith("argoproj.io/")) {
            JsonNode destination = spec.path("destination");
            boolean finalizer = false;
            for (JsonNode value : object.path("metadata").path("finalizers")) {
                finalizer |= value.asText().startsWith(ARGO_FINALIZER);
            }
            boolean createsNamespace = false;
            for (JsonNode option : spec.path("syncPolicy").path("syncOptions")) {
                createsNamespace |= option.asText().replace(" ", "").equalsIgnoreCase("CreateNamespace=true");
            }
            return Optional.of(new SyncUnit(Controller.ARGOCD, destination.path("name").asText(destination
                    .path("server").asText()), name, normalize(spec.path("source").path("path").asText()), List.of(),
                    spec.path("syncPolicy").path("automated").path("prune").asBoolean(false), !finalizer,
                    createsNamespace ? destination.path("namespace").asText() : null, false));
        }
        if (kind.equals("Kustomization") && apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) {
            List<String> dependsOn = new ArrayList<>();
            spec.path("dependsOn").forEach(dependency -> dependsOn.add(dependency.path("name").asText()));
            boolean prune = spec.path("prune").asBoolean(false);
            String policy = spec.path("deletionPolicy").asText("MirrorPrune");
            boolean keeps = policy.equals("Orphan") || policy.equals("MirrorPrune") && !prune;
            return Optional.of(new SyncUnit(Controller.FLUX, fluxCluster(key), name,
                    normalize(spec.path("path").asText()), List.copyOf(dependsOn), prune, keeps, null,
                    spec.path("force").asBoolean(false)));
        }
        return Optional.empty();
    }

    /** {@code clusters/flux/dev Kustomization/...} names the cluster {@code dev}. */
    private static String fluxCluster(String key) {
        String directory = key.substring(0, Math.max(0, key.indexOf(' ')));
        return directory.substring(directory.lastIndexOf('/') + 1);
    }

    private static String normalize(String path) {
        String normalized = path.startsWith("./") ? path.substring(2) : path;
        return normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }
}
