package dev.codestory.gitops.review;

import dev.codestory.gitops.yaml.YamlRenderer;
import dev.codestory.gitops.workspace.TextDiff;

/** The unified diff of a resource's two versions, both written by the project's one YAML writer. */
final class ResourceDiff {

    static final String WORK_TREE = "work tree";

    private ResourceDiff() {
    }

    static String of(String base, ResourceReview resource) {
        YamlRenderer yaml = YamlRenderer.instance();
        byte[] before = yaml.render("", resource.before());
        byte[] after = yaml.render("", resource.after());
        String diff = TextDiff.unified(base, before, WORK_TREE, after);
        return diff.endsWith("\n") ? diff : diff + "\n";
    }
}
