package dev.codestory.gitops.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * Image versions written into a generated kustomization (by {@code kustomize edit set image} run in the overlay, or
 * a bot pointed at it) instead of the environment's images file: a hand edit regen refuses, with the way out.
 */
public final class MisplacedVersions {

    private MisplacedVersions() {
    }

    /** What to do when {@code path} is a unit's generated kustomization holding {@code images:}; otherwise null. */
    public static String advice(Path root, String path) {
        String environment = RepoLayout.environmentOf(path);
        if (environment == null || !path.endsWith("/" + RepoLayout.KUSTOMIZATION)
                || path.equals(RepoLayout.imagesFile(environment))) {
            return null;
        }
        try {
            RepoLayout layout = new RepoLayout(root);
            byte[] bytes = layout.readIfFile(layout.generated(path));
            JsonNode document = bytes == null ? null
                    : YamlRenderer.instance().parse(new String(bytes, StandardCharsets.UTF_8)).get(0);
            if (document == null || !document.has("images")) {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        String images = RepoLayout.imagesFile(environment);
        return path + " holds images:, but " + environment + "'s versions live in " + images + " (run kustomize edit"
                + " set image in " + RepoLayout.imagesComponent(environment) + "): move the entries there, then git"
                + " restore " + path + " and run regen";
    }
}
