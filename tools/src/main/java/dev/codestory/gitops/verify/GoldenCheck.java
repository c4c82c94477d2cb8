package dev.codestory.gitops.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.yaml.TreeDiff;

/**
 * The {@code golden} check: each unit's build (an overlay, or a Flux migration) equals its committed golden file
 * {@code rendered/<unit>.yaml}, compared as object trees resource by resource; and every golden file belongs to
 * a unit.
 */
public final class GoldenCheck {

    static final String RECORD = "re-record the goldens with regen --goldens";

    private GoldenCheck() {
    }

    /** {@code unit} is a {@link RepoLayout.Unit}'s name, {@code output} its build's text, {@code build} the same parsed. */
    public static List<Finding> check(Path root, String unit, String output, Map<String, JsonNode> build) {
        Path golden = Goldens.path(root, unit);
        String file = RepoLayout.golden(unit);
        if (!Files.isRegularFile(golden)) {
            return List.of(new Finding(unit, file, "", "missing; " + RECORD, CheckId.GOLDEN));
        }
        Map<String, JsonNode> expected;
        try {
            String text = Files.readString(golden, StandardCharsets.UTF_8);
            if (withoutHeader(text).equals(output)) {
                // the same text is the same trees; parsing it again would only cost time
                return List.of();
            }
            expected = RenderedObjects.parse(text);
        } catch (IOException | UncheckedIOException e) {
            return List.of(new Finding(unit, file, "", "cannot be read: " + e.getMessage(), CheckId.GOLDEN));
        }
        List<Finding> findings = new ArrayList<>();
        for (TreeDiff.Difference difference : TreeDiff.compare(expected, "the golden file", build, "the build")) {
            findings.add(new Finding(unit, difference.resource(), difference.field(), difference.problem(),
                    CheckId.GOLDEN));
        }
        return findings;
    }

    /**
     * Whether a finding says a build differs from its golden file (the resource is an object, not the golden file
     * itself, as when it is missing, unreadable or of no unit): what {@code regen --goldens} records when intended.
     */
    public static boolean isBuildDifference(Finding finding) {
        return finding.check() == CheckId.GOLDEN && !finding.resource().startsWith(RepoLayout.GOLDENS + "/");
    }

    /** The golden file's text after the comment lines {@link Goldens#write} puts first. */
    private static String withoutHeader(String text) {
        int start = 0;
        while (text.startsWith("#", start)) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                return "";
            }
            start = end + 1;
        }
        return text.substring(start);
    }

    /** Golden files of no unit (left behind when an environment was removed or left Flux). */
    public static List<Finding> stale(Path root, Collection<String> units) {
        List<Finding> findings = new ArrayList<>();
        Goldens.recorded(root).forEach((unit, file) -> {
            if (!units.contains(unit)) {
                findings.add(new Finding(Finding.NO_ENVIRONMENT, RepoLayout.GOLDENS + "/" + file.getFileName(), "",
                        "no environment builds to this golden file; regen --goldens removes it", CheckId.GOLDEN));
            }
        });
        return findings;
    }
}
