package dev.codestory.gitops.enrich;

import io.fabric8.kubernetes.api.builder.TypedVisitor;

/**
 * A {@link TypedVisitor} that names its builder type. fabric8 otherwise resolves the type argument by reflection
 * twice at every node of every traversal, which was a tenth of a regen.
 */
abstract class BuilderVisitor<T> extends TypedVisitor<T> {

    private final Class<T> type;

    BuilderVisitor(Class<T> type) {
        this.type = type;
    }

    @Override
    public final Class<T> getType() {
        return type;
    }
}
