package dev.codestory.gitops.spec;

/** An enumerated spec value, written in a spec exactly as {@link #specValue()} spells it. */
public interface SpecEnum {
    String specValue();
}
