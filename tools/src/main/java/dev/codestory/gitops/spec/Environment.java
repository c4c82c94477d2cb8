package dev.codestory.gitops.spec;

import java.util.Map;

/**
 * A named environment: its spec after defaults, the spec file it came from (relative to the repository root),
 * where each field path was written, whether its overlay has a user-owned {@code local/} component, and the
 * versions it runs (from its images file, or seeded from the spec while there is none).
 */
public record Environment(String name, String specFile, EnvSpec spec, Map<String, SourcePosition> positions,
                          boolean hasLocalComponent, ImageVersions images) {

    public Environment withComponents(java.util.List<Component> components) {
        return new Environment(name, specFile, spec.withComponents(components), positions, hasLocalComponent,
                images);
    }

    public Environment withLocalComponent(boolean present) {
        return new Environment(name, specFile, spec, positions, present, images);
    }

    Environment withImages(ImageVersions versions) {
        return new Environment(name, specFile, spec, positions, hasLocalComponent, versions);
    }

    public String namespace() {
        return spec.namespace().isEmpty() ? "code-story-" + name : spec.namespace();
    }

    /**
     * The Argo CD Application for {@code cluster}: {@code code-story-<env>}, or {@code code-story-<env>-<cluster>}
     * when the environment runs on several clusters.
     */
    public String applicationName(EnvSpec.Cluster cluster) {
        String application = "code-story-" + name;
        return spec.gitops().clusters().size() == 1 ? application : application + "-" + cluster.name();
    }

    /** The Flux Kustomization of the app, {@code code-story-<env>}. */
    public String fluxAppName() {
        return "code-story-" + name;
    }

    /** The Flux Kustomization of the migration, {@code code-story-<env>-migrate}, which the app's depends on. */
    public String fluxMigrateName() {
        return fluxAppName() + "-migrate";
    }

    /**
     * Where a field was written in this environment's spec file; for a value that comes from the defaults, where
     * its nearest enclosing key was written (or the top of the file).
     */
    public SourcePosition positionOf(String fieldPath) {
        String path = fieldPath;
        while (true) {
            SourcePosition position = positions.get(path);
            if (position != null && position.file().equals(specFile)) {
                return position;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            if (cut <= 0) {
                SourcePosition top = positions.get("");
                return top != null && top.file().equals(specFile) ? top : new SourcePosition(specFile, 1, 1);
            }
            path = path.substring(0, cut);
        }
    }

    /** True when the value at {@code fieldPath} was not written in the spec but comes from the defaults. */
    public boolean isDefault(String fieldPath) {
        SourcePosition position = positions.get(fieldPath);
        return position != null && !position.file().equals(specFile);
    }
}
