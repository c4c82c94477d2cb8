package dev.codestory.gitops.kustomize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.codestory.gitops.layout.RepoLayout;

/** Re-records every golden file with the real kustomize (in parallel) and removes goldens of removed environments. */
public final class GoldenRecorder {

    private GoldenRecorder() {
    }

    /** The golden files written or removed, as repository-relative paths. */
    public static List<String> record(Path root, List<String> environments, Kustomize kustomize) {
        Map<RepoLayout.Unit, CompletableFuture<String>> builds = new LinkedHashMap<>();
        try (BuildPool pool = new BuildPool("golden")) {
            for (RepoLayout.Unit unit : new RepoLayout(root).units(environments)) {
                builds.put(unit, pool.submit(() -> kustomize.build(root.resolve(unit.directory()))));
            }
            Map<RepoLayout.Unit, String> outputs = new LinkedHashMap<>();
            builds.forEach((unit, build) -> outputs.put(unit, BuildPool.join(build)));
            // every build succeeded before any golden file is written
            List<String> touched = new ArrayList<>();
            Map<String, Path> stale = Goldens.recorded(root);
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
        }
    }
}
