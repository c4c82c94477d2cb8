package dev.codestory.gitops.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.codestory.gitops.TestRepo;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's spec reference names every key the defaults have, with the default for scalar keys. */
class ReadmeSpecReferenceTest {

    /** Keys whose value is free-form (a map or a list): documented as a whole. */
    private static final Set<String> WHOLE = Set.of("labels", "annotations", "nodeSelector", "affinity", "podLabels");

    @Test
    void everyDefaultKeyIsDocumentedWithItsDefault() throws IOException {
        String readme = Files.readString(TestRepo.projectRoot().resolve("README.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        leaves(SpecLoader.defaults(), "", missing, readme);
        assertThat(missing).as("spec keys missing from the README's spec reference, or with another default")
                .isEmpty();
    }

    private static void leaves(YamlNode node, String path, List<String> missing, String readme) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (node instanceof YamlNode.Mapping mapping && !mapping.entries().isEmpty() && !WHOLE.contains(last)) {
            mapping.entries().forEach((key, value) -> leaves(value, path.isEmpty() ? key : path + "." + key,
                    missing, readme));
            return;
        }
        if (node instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            String value = scalar.text().isEmpty() ? "\"\"" : scalar.text();
            if (!readme.contains("| `" + path + "` | `" + value + "` |")) {
                missing.add(path + " = " + value);
            }
            return;
        }
        if (!readme.contains("| `" + path + "` |")) {
            missing.add(path);
        }
    }
}
