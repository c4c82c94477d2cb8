package dev.codestory.gitops.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a change does to each cluster: per unit (an environment's overlay, and its Flux migrate unit), the
 * resources its build gains, changes and loses. It compares builds (the golden files at HEAD with those of the
 * commit), so the summary speaks of what Argo CD or Flux will apply, not of files.
 */
public record ChangeSummary(Map<String, Changes> environments) {

    public record Changes(List<String> added, List<String> changed, List<String> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }

        String counts() {
            List<String> parts = new ArrayList<>();
            if (!added.isEmpty()) {
                parts.add(added.size() + " added");
            }
            if (!changed.isEmpty()) {
                parts.add(changed.size() + " changed");
            }
            if (!removed.isEmpty()) {
                parts.add(removed.size() + " removed");
            }
            return String.join(", ", parts);
        }
    }

    /** Builds before and after, per environment (an absent environment has no build on that side). */
    public static ChangeSummary of(Map<String, Map<String, JsonNode>> before, Map<String, Map<String, JsonNode>> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        Map<String, Changes> environments = new TreeMap<>();
        for (String name : names) {
            Map<String, JsonNode> old = before.getOrDefault(name, Map.of());
            Map<String, JsonNode> now = after.getOrDefault(name, Map.of());
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (String key : new TreeSet<>(now.keySet())) {
                if (!old.containsKey(key)) {
                    added.add(key);
                } else if (!old.get(key).equals(now.get(key))) {
                    changed.add(key);
                }
            }
            for (String key : new TreeSet<>(old.keySet())) {
                if (!now.containsKey(key)) {
                    removed.add(key);
                }
            }
            environments.put(name, new Changes(added, changed, removed));
        }
        return new ChangeSummary(environments);
    }

    /** A commit message: a subject naming the environments that change, and a body listing the resources. */
    public String commitMessage() {
        List<String> touched = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        environments.forEach((name, changes) -> {
            if (changes.isEmpty()) {
                return;
            }
            touched.add(name + " (" + changes.counts() + ")");
            body.append(name).append(":\n");
            changes.added().forEach(key -> body.append("  added   ").append(key).append('\n'));
            changes.changed().forEach(key -> body.append("  changed ").append(key).append('\n'));
            changes.removed().forEach(key -> body.append("  removed ").append(key).append('\n'));
        });
        String subject = touched.isEmpty() ? "regen: no cluster changes"
                : "regen: " + String.join("; ", touched);
        return subject + "\n\n" + (body.length() == 0 ? "The builds of every environment are unchanged.\n" : body);
    }
}
