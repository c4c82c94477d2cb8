package dev.codestory.gitops.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.codestory.gitops.TestRepo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's spec reference is one table naming every key the defaults have, with the default for scalar keys
 * and for lists of scalars; and no table in the README is cut by a blank line (GitHub renders the rows after it
 * as a paragraph).
 */
class ReadmeSpecReferenceTest {

    /** Keys whose value is free-form (a map or a list): documented as a whole. */
    private static final Set<String> WHOLE = Set.of("labels", "annotations", "nodeSelector", "affinity", "podLabels");

    private static final String HEADER = "| key | default | meaning |";

    private static List<String> readme() throws IOException {
        return Files.readString(TestRepo.projectRoot().resolve("README.md"), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyDefaultKeyIsDocumentedWithItsDefaultInTheOneTable() throws IOException {
        String table = specReferenceTable(readme());
        List<String> missing = new ArrayList<>();
        leaves(SpecLoader.defaults(), "", missing, table);
        assertThat(missing).as("spec keys missing from the README's spec reference table, or with another default")
                .isEmpty();
    }

    @Test
    void noTableIsCutByABlankLine() throws IOException {
        assertThat(tablesCutByABlankLine(readme())).as("README lines where a table goes on after a blank line")
                .isEmpty();
    }

    /** The check itself, on the defect it exists for: a blank line before the rest of a table's rows. */
    @Test
    void aBlankLineInsideATableIsFound() {
        List<String> cut = List.of("text", "", "| a | b |", "| --- | --- |", "| 1 | 2 |", "", "| 3 | 4 |", "",
                "| c | d |", "| ---: | --- |", "| 5 | 6 |");
        assertThat(tablesCutByABlankLine(cut)).containsExactly(7);
        assertThat(specReferenceTable(List.of(HEADER, "| --- | --- | --- |", "| `a` | `1` | x |", "",
                "| `b` | `2` | y |"))).contains("`a`").doesNotContain("`b`");
    }

    /**
     * Lines (1-based) of table rows that follow a blank line that itself follows a table row, unless the row is the
     * header of a table of its own (the next line is a delimiter row).
     */
    static List<Integer> tablesCutByABlankLine(List<String> lines) {
        List<Integer> cut = new ArrayList<>();
        boolean inCode = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (inCode || !line.startsWith("|")) {
                continue;
            }
            int before = i - 1;
            while (before >= 0 && lines.get(before).isBlank()) {
                before--;
            }
            boolean header = i + 1 < lines.size() && lines.get(i + 1).matches("\\|\\s*:?-{3,}.*");
            if (!header && before < i - 1 && before >= 0 && lines.get(before).startsWith("|")) {
                cut.add(i + 1);
            }
        }
        return cut;
    }

    /** The rows of the spec reference table: from its header to the first line that is not a row. */
    static String specReferenceTable(List<String> lines) {
        int start = lines.indexOf(HEADER);
        assertThat(start).as("the spec reference table's header").isNotNegative();
        StringBuilder table = new StringBuilder();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.append(lines.get(i)).append('\n');
        }
        return table.toString();
    }

    private static void leaves(YamlNode node, String path, List<String> missing, String table) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (node instanceof YamlNode.Mapping mapping && !mapping.entries().isEmpty() && !WHOLE.contains(last)) {
            mapping.entries().forEach((key, value) -> leaves(value, path.isEmpty() ? key : path + "." + key,
                    missing, table));
            return;
        }
        if (node instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            String value = scalar.text().isEmpty() ? "\"\"" : scalar.text();
            if (!table.contains("| `" + path + "` | `" + value + "` |")) {
                missing.add(path + " = " + value);
            }
            return;
        }
        if (node instanceof YamlNode.Sequence sequence && !sequence.items().isEmpty()
                && sequence.items().stream().allMatch(item -> item instanceof YamlNode.Scalar)) {
            List<String> items = sequence.items().stream().map(item -> ((YamlNode.Scalar) item).text()).toList();
            String flow = "| `" + path + "` | `[" + String.join(", ", items) + "]` |";
            String each = "| `" + path + "` | " + items.stream().map(item -> "`" + item + "`")
                    .collect(Collectors.joining(", ")) + " |";
            if (!table.contains(flow) && !table.contains(each)) {
                missing.add(path + " = " + items + " (a list)");
            }
            return;
        }
        if (!table.contains("| `" + path + "` |")) {
            missing.add(path);
        }
    }
}
