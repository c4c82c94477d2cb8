package dev.codestory.gitops.verify;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.kustomize.BuildPool;
import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.kustomize.KustomizeException;
import dev.codestory.gitops.kustomize.KustomizeUnusable;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * The kustomize builds of a verify run, on a {@link BuildPool}. A unit's build is started once, by whoever asks
 * first; the checks of a build run on the same pool.
 */
final class UnitBuilds implements AutoCloseable {

    /** A unit's build: the output and its objects, or kustomize's message. */
    record Build(String output, Map<String, JsonNode> objects, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private final Path root;
    private final BuildPool pool = new BuildPool("verify");
    private final Map<String, CompletableFuture<Build>> started = new ConcurrentHashMap<>();

    UnitBuilds(Path root) {
        this.root = root;
    }

    /** The build of {@code unit} with {@code kustomize}, started now unless it already was. */
    CompletableFuture<Build> of(Kustomize kustomize, RepoLayout.Unit unit) {
        return started.computeIfAbsent(kustomize + "\n" + unit.directory(),
                key -> pool.submit(() -> build(kustomize, unit)));
    }

    void startAll(Kustomize kustomize, List<Kustomize> others, List<RepoLayout.Unit> units) {
        for (RepoLayout.Unit unit : units) {
            of(kustomize, unit);
            others.forEach(other -> of(other, unit));
        }
    }

    ExecutorService pool() {
        return pool.executor();
    }

    private Build build(Kustomize kustomize, RepoLayout.Unit unit) {
        try {
            String output = kustomize.build(root.resolve(unit.directory()));
            return new Build(output, RenderedObjects.parse(output), null);
        } catch (KustomizeUnusable e) {
            // the binary, not the unit: bad input of the whole run
            throw new KustomizeUnusable(Kustomize.message(e, root));
        } catch (KustomizeException e) {
            return new Build(null, null, Kustomize.message(e, root));
        } catch (UncheckedIOException e) {
            return new Build(null, null, "its output is not YAML: " + e.getCause().getMessage());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
