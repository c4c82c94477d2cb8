package dev.codestory.gitops.kustomize;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where kustomize builds run: one thread per processor, since each build is a process that keeps a processor busy
 * (and runs with {@code GOMAXPROCS=1}). regen's golden files, diff's two trees and verify's checks all use one.
 */
public final class BuildPool implements AutoCloseable {

    private final ExecutorService threads;

    public BuildPool(String name) {
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, threads);
    }

    /** For work that follows a build (verify's checks of it). */
    public ExecutorService executor() {
        return threads;
    }

    /** The result, or the work's own exception (a {@link KustomizeException}, say) as it was thrown. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
