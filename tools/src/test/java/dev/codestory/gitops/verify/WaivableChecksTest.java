package dev.codestory.gitops.verify;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.codestory.gitops.spec.EnvSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** What a spec may waive is every check verify runs but {@code tree}: a new check is waivable from the start. */
class WaivableChecksTest {

    @Test
    void everyCheckButTreeCanBeWaived() {
        assertThat(EnvSpec.WaiverSpec.CHECKS).containsExactlyElementsOf(Arrays.stream(CheckId.values())
                .filter(check -> check != CheckId.TREE).map(CheckId::id).toList());
    }
}
