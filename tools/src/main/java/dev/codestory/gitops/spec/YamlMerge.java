package dev.codestory.gitops.spec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lays an environment's spec over the defaults: mappings merge key by key, anything else (scalars, lists)
 * replaces the default, and an explicit {@code null} removes a default key (for example a default annotation).
 */
final class YamlMerge {

    private YamlMerge() {
    }

    static YamlNode merge(YamlNode defaults, YamlNode override) {
        if (!(defaults instanceof YamlNode.Mapping base) || !(override instanceof YamlNode.Mapping top)) {
            return override;
        }
        LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>(base.entries());
        Map<String, SourcePosition> keys = new HashMap<>(base.keyPositions());
        top.entries().forEach((key, value) -> {
            if (value instanceof YamlNode.Scalar scalar && scalar.isNull() && base.entries().containsKey(key)) {
                entries.remove(key);
                keys.put(key, top.keyPositions().get(key)); // where it was emptied, should the key be required
                return;
            }
            entries.put(key, entries.containsKey(key) ? merge(entries.get(key), value) : value);
            keys.put(key, top.keyPositions().get(key));
        });
        return new YamlNode.Mapping(entries, keys, top.position());
    }
}
