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

/**
 * Records every unit's golden file with the real kustomize (in parallel), rewriting those whose build changed, and
 * removes the golden files of removed environments.
 */
public final class GoldenRecorder {

    private GoldenRecorder() {
    }

    /**
     * What a recording did, by repository path: every unit's golden file (path to bytes), those of them it changed
     * on disk, and those it removed.
     */
    public record Recorded(SortedMap<String, byte[]> goldens, List<String> changed, List<String> removed) {
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
            SortedMap<String, byte[]> goldens = new TreeMap<>();
            List<String> changed = new ArrayList<>();
            Map<String, Path> stale = Goldens.recorded(root);
            outputs.forEach((unit, output) -> {
                Goldens.Written written = Goldens.write(root, unit, kustomize, output);
                goldens.put(RepoLayout.golden(unit.name()), written.bytes());
                if (written.changed()) {
                    changed.add(RepoLayout.golden(unit.name()));
                }
                stale.remove(unit.name());
            });
            List<String> removed = new ArrayList<>();
            for (String unit : stale.keySet()) {
                Goldens.delete(root, unit);
                removed.add(RepoLayout.golden(unit));
            }
            return new Recorded(goldens, changed, removed);
        }
    }
}
