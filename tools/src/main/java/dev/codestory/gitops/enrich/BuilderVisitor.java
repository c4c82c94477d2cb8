package dev.codestory.gitops.enrich;

import io.fabric8.kubernetes.api.builder.TypedVisitor;
import io.fabric8.kubernetes.api.builder.VisitorListener;

/**
 * A {@link TypedVisitor} that names its builder type. fabric8 otherwise resolves the type argument by reflection
 * twice at every node of every traversal, which was a tenth of a regen.
 *
 * <p>Creating one also makes sure fabric8's visitor listeners are loaded, so that visits may run in parallel (see
 * {@link #loadListeners()}): every visit of ours takes a new visitor of this class.
 */
abstract class BuilderVisitor<T> extends TypedVisitor<T> {

    private static final Object LOADING = new Object();

    private final Class<T> type;

    BuilderVisitor(Class<T> type) {
        this.type = type;
        loadListeners();
    }

    @Override
    public final Class<T> getType() {
        return type;
    }

    /**
     * fabric8 loads its visitor listeners on the first visit, under a lock but without looking again once inside
     * it: a thread that found them unloaded and waited for the lock adds to the set while the thread that loaded
     * it iterates over it, which fails with a ConcurrentModificationException (seen when environments were
     * generated in parallel). Loading them under a lock of ours, only while they are unloaded, leaves fabric8's
     * loading to a single thread.
     */
    static void loadListeners() {
        if (!VisitorListener.loaded.get()) {
            synchronized (LOADING) {
                VisitorListener.getListeners();
            }
        }
    }
}
