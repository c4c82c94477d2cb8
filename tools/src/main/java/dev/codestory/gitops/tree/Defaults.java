package dev.codestory.gitops.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.kustomize.OverlayPlanner;
import dev.codestory.gitops.objects.AppObjects;
import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;

/**
 * base/'s objects and each component's plan over them. They depend on the tool alone (its code and its spec
 * defaults), never on an environment's spec, so the build computes them once and ships them in the jar
 * ({@link DefaultsSnapshot}); a run computes them only when that snapshot is missing or from other code.
 * Every generation in a process shares these trees: nothing may change them.
 */
record Defaults(List<JsonNode> base, Map<Component, OverlayPlanner.Plan> components) {

    Defaults {
        base = List.copyOf(base);
        components = Collections.unmodifiableMap(new EnumMap<>(components));
    }

    /** The snapshot the build made of this very code, else computed. */
    static Defaults load() {
        return DefaultsSnapshot.read().orElseGet(Defaults::compute);
    }

    static Defaults compute() {
        Environment defaults = SpecLoader.defaultsEnvironment();
        // base and each component's objects are independent: build all nine at once, then diff
        List<List<Component>> sets = new ArrayList<>(List.of(List.of()));
        List.of(Component.values()).forEach(component -> sets.add(List.of(component)));
        List<List<JsonNode>> built = sets.parallelStream()
                .map(set -> RepositoryGenerator.trees(AppObjects.build(defaults.withComponents(set)))).toList();
        List<JsonNode> base = built.get(0);
        Map<Component, OverlayPlanner.Plan> components = new EnumMap<>(Component.class);
        for (int i = 1; i < sets.size(); i++) {
            components.put(sets.get(i).get(0), OverlayPlanner.plan(base, built.get(i)));
        }
        return new Defaults(base, components);
    }
}
