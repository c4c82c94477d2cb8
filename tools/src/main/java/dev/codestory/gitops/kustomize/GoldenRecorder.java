package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.codestory.gitops.layout.RepoLayout;

/** Re-records every golden file with the real kustomize (in parallel) and removes goldens of removed environments. */
public final class GoldenRecorder {

    private GoldenRecorder() {
    }

    /** The golden files written or removed, as repository-relative paths. */
    public static List<String> record(Path root, List<String> environments, Kustomize kustomize) {
        Map<RepoLayout.Unit, Future<String>> builds = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            for (RepoLayout.Unit unit : new RepoLayout(root).units(environments)) {
                builds.put(unit, pool.submit(() -> kustomize.build(root.resolve(unit.directory()))));
            }
            List<String> touched = new ArrayList<>();
            Map<String, Path> stale = Goldens.recorded(root);
            for (Map.Entry<RepoLayout.Unit, Future<String>> build : builds.entrySet()) {
                Goldens.write(root, build.getKey(), kustomize, build.getValue().get());
                touched.add(RepoLayout.golden(build.getKey().name()));
                stale.remove(build.getKey().name());
            }
            for (Path file : stale.values()) {
                Files.delete(file);
                touched.add(RepoLayout.GOLDENS + "/" + file.getFileName());
            }
            return touched;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KustomizeException kustomizeFailure) {
                throw kustomizeFailure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KustomizeException("interrupted while building the overlays");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
