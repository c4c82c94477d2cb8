package dev.codestory.gitops.verify;

/** The checks {@code verify} runs, in the order their findings are printed; {@link #id()} is what a finding shows. */
public enum CheckId {
    TREE("tree"), BUILD("build"), GOLDEN("golden"), SCHEMA("schema"), REFERENCES("references"), POLICY("policy"),
    LIFECYCLE("lifecycle"), MATRIX("matrix");

    private final String id;

    CheckId(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
