package dev.codestory.gitops.kustomize;

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
            Map<RepoLayout.Unit, String> outputs = new LinkedHashMap<>();
            for (Map.Entry<RepoLayout.Unit, Future<String>> build : builds.entrySet()) {
                outputs.put(build.getKey(), build.getValue().get());
            }
            // every build succeeded before any golden file is written
            outputs.forEach((unit, output) -> {
                Goldens.write(root, unit, kustomize, output);
                touched.add(RepoLayout.golden(unit.name()));
                stale.remove(unit.name());
            });
            for (String unit : stale.keySet()) {
                Goldens.delete(root, unit);
                touched.add(RepoLayout.golden(unit));
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
        } finally {
            pool.shutdownNow();
        }
    }
}
