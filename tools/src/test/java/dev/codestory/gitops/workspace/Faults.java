package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Faults injected through the step callback of {@link WriteJournal}, deterministically and in-process: a kill
 * (an {@link Error} no clean-up in the tool catches, as nothing runs after a SIGKILL) or a write that fails with
 * "no space left on device".
 */
final class Faults {

    /** The process dying at a step: nothing after it runs. */
    static final class Killed extends Error {
        Killed(String step) {
            super("killed after: " + step, null, false, false);
        }
    }

    private Faults() {
    }

    /** Kills the run right after its {@code n}-th step (1-based); steps before it are counted in {@code seen}. */
    static Consumer<String> killAt(int n, AtomicInteger seen) {
        return step -> {
            if (seen.incrementAndGet() == n) {
                throw new Killed(step);
            }
        };
    }

    static Consumer<String> killAt(int n) {
        return killAt(n, new AtomicInteger());
    }

    /** The next write fails as on a full disk, once the {@code n}-th step is done. */
    static Consumer<String> diskFullAfter(int n) {
        AtomicInteger seen = new AtomicInteger();
        return step -> {
            if (seen.incrementAndGet() == n) {
                Faults.<RuntimeException>sneaky(new FileSystemException("scratch", null, "No space left on device"));
            }
        };
    }

    /** Counts the steps of a run. */
    static Consumer<String> counting(AtomicInteger count) {
        return step -> count.incrementAndGet();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(IOException e) throws E {
        throw (E) e;
    }
}
