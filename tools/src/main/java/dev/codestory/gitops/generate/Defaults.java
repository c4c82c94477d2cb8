package dev.codestory.gitops.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.plan.OverlayPlanner;
import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;

/**
 * base/'s objects and each component's plan over them. They depend on the tool alone (its code and its spec
 * defaults), never on an environment's spec, so a process computes them once, on first use. Every generation
 * in a process shares these trees: nothing may change them.
 */
record Defaults(List<JsonNode> base, Map<Component, OverlayPlanner.Plan> components) {

    Defaults {
        base = List.copyOf(base);
        components = Collections.unmodifiableMap(new EnumMap<>(components));
    }

    static Defaults get() {
        return Computed.DEFAULTS;
    }

    private static final class Computed {
        static final Defaults DEFAULTS = compute();
    }

    private static Defaults compute() {
        Environment defaults = SpecLoader.defaultsEnvironment();
        // base and each component's objects are independent: build all nine at once, then diff
        List<List<Component>> sets = new ArrayList<>(List.of(List.of()));
        List.of(Component.values()).forEach(component -> sets.add(List.of(component)));
        List<List<JsonNode>> built = sets.parallelStream()
                .map(set -> AppObjects.trees(defaults.withComponents(set))).toList();
        List<JsonNode> base = built.get(0);
        Map<Component, OverlayPlanner.Plan> components = new EnumMap<>(Component.class);
        for (int i = 1; i < sets.size(); i++) {
            components.put(sets.get(i).get(0), OverlayPlanner.plan(base, built.get(i)));
        }
        return new Defaults(base, components);
    }
}
