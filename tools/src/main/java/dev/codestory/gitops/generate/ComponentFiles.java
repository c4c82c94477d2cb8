package dev.codestory.gitops.generate;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.analysis.NetworkTable;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.plan.Kustomization;
import dev.codestory.gitops.plan.OverlayPlanner;
import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.Environment;

/** components/<name>/: a kustomize Component holding what the component adds, changes and removes, and its README. */
final class ComponentFiles {

    private ComponentFiles() {
    }

    /** {@code objects}: each environment's objects, by name, for the network-policy README's reachability table. */
    static void write(GeneratedTree tree, Component component, OverlayPlanner.Plan plan,
                      List<Environment> environments, Map<String, List<JsonNode>> objects) {
        DirectoryWriter writer = new DirectoryWriter(tree, RepoLayout.component(component.directory()),
                "the spec defaults");
        List<String> resources = writer.resources(plan.added());
        writer.kustomization(Kustomization.component(resources, writer.patches(plan)));
        StringBuilder appendix = new StringBuilder();
        if (component == Component.NETWORK_POLICY) {
            appendix.append("\n## Reachability in this repository's environments\n\n"
                    + "Computed from the policies regen writes (`NetworkTable`); every flow not listed is denied.\n");
            for (Environment environment : environments) {
                if (environment.spec().has(Component.NETWORK_POLICY)) {
                    appendix.append("\n### ").append(environment.name()).append("\n\n")
                            .append(NetworkTable.markdown(environment, objects.get(environment.name())));
                }
            }
        }
        writer.file("README.md", ComponentDocs.readme(component, appendix.toString()));
    }
}
