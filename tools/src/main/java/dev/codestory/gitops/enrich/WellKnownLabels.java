package dev.codestory.gitops.enrich;

import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * app.kubernetes.io/{name,instance,part-of,managed-by} on every object and pod template. The component label
 * is set by each factory; the version label per overlay, since it changes with every release.
 */
public final class WellKnownLabels implements Enricher {

    @Override
    public void enrich(KubernetesListBuilder resources) {
        resources.accept(new BuilderVisitor<>(ObjectMetaBuilder.class) {
            @Override
            public void visit(ObjectMetaBuilder meta) {
                meta.addToLabels(Labels.NAME, Names.APP)
                        .addToLabels(Labels.INSTANCE, Names.APP)
                        .addToLabels(Labels.PART_OF, Names.APP)
                        .addToLabels(Labels.MANAGED_BY, "kustomize");
            }
        });
    }
}
