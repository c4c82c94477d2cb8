package dev.codestory.gitops.kustomize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.codestory.gitops.layout.RepoLayout;

/** Re-records every golden file with the real kustomize (in parallel) and removes goldens of removed environments. */
public final class GoldenRecorder {

    private GoldenRecorder() {
    }

    /** What a recording did: each golden file written (path to bytes) and each removed, by repository path. */
    public record Recorded(SortedMap<String, byte[]> written, List<String> removed) {
    }

    public static Recorded record(Path root, List<String> environments, Kustomize kustomize) {
        Map<RepoLayout.Unit, CompletableFuture<String>> builds = new LinkedHashMap<>();
        try (BuildPool pool = new BuildPool("golden")) {
            for (RepoLayout.Unit unit : new RepoLayout(root).units(environments)) {
                builds.put(unit, pool.submit(() -> kustomize.build(root.resolve(unit.directory()))));
            }
            Map<RepoLayout.Unit, String> outputs = new LinkedHashMap<>();
            builds.forEach((unit, build) -> outputs.put(unit, BuildPool.join(build)));
            // every build succeeded before any golden file is written
            SortedMap<String, byte[]> written = new TreeMap<>();
            Map<String, Path> stale = Goldens.recorded(root);
            outputs.forEach((unit, output) -> {
                written.put(RepoLayout.golden(unit.name()), Goldens.write(root, unit, kustomize, output));
                stale.remove(unit.name());
            });
            List<String> removed = new ArrayList<>();
            for (String unit : stale.keySet()) {
                Goldens.delete(root, unit);
                removed.add(RepoLayout.golden(unit));
            }
            return new Recorded(written, removed);
        }
    }
}
