package dev.codestory.gitops.review;

import dev.codestory.gitops.yaml.FieldChange;
import java.util.List;

import dev.codestory.gitops.analysis.lifecycle.ImmutableFields;

/**
 * Changes the API server refuses as updates (immutable fields, {@link ImmutableFields}), as flags: the object must
 * be deleted and created again, which a GitOps controller does only when told to, and which interrupts what the
 * object runs.
 */
public final class RecreateRules {

    private RecreateRules() {
    }

    public static List<Flag> flags(String kind, List<FieldChange> changes) {
        return ImmutableFields.reasons(kind, changes).stream().map(Flag::recreate).toList();
    }
}
