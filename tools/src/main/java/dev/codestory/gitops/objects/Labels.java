package dev.codestory.gitops.objects;

import java.util.Map;
import java.util.TreeMap;

/** The well-known labels. Selectors carry only the stable three: name, instance and component. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String VERSION = "app.kubernetes.io/version";

    private Labels() {
    }

    public static Map<String, String> selector(String component) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(NAME, Names.APP);
        labels.put(INSTANCE, Names.APP);
        labels.put(COMPONENT, component);
        return labels;
    }
}
