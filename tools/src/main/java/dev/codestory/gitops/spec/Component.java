package dev.codestory.gitops.spec;

/**
 * The opt-in parts of an environment, each a kustomize Component under {@code components/<name>/}. They are
 * applied in this order, whatever order a spec lists them in.
 */
public enum Component implements SpecEnum {
    BUNDLED_POSTGRES("bundled-postgres"),
    MANAGED_DB("managed-db"),
    BUNDLED_REDIS("bundled-redis"),
    MANAGED_REDIS("managed-redis"),
    KEDA_SCALING("keda-scaling"),
    NETWORK_POLICY("network-policy"),
    MONITORING("monitoring"),
    EXTERNAL_SECRETS("external-secrets");

    private final String value;

    Component(String value) {
        this.value = value;
    }

    @Override
    public String specValue() {
        return value;
    }

    /** The directory name under components/. */
    public String directory() {
        return value;
    }
}
