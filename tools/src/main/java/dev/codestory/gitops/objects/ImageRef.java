package dev.codestory.gitops.objects;

import dev.codestory.gitops.spec.EnvSpec;

/** The full image reference an environment runs: [registry/]repository:tag[@digest]. */
public record ImageRef(String name, String tag, String digest) {

    public static ImageRef of(EnvSpec spec, EnvSpec.Image image) {
        String registry = spec.global().imageRegistry();
        String name = registry.isEmpty() ? image.repository() : registry + "/" + image.repository();
        return new ImageRef(name, image.tag(), image.digest());
    }

    @Override
    public String toString() {
        return name + ":" + tag + (digest.isEmpty() ? "" : "@" + digest);
    }
}
