package dev.codestory.gitops.enrich;

import java.util.Map;
import java.util.TreeMap;

import dev.codestory.gitops.yaml.Checksums;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The ConfigMap keeps a stable name (no generator hash, which references inside custom resources would miss),
 * so Deployments carry a checksum of its data in their pod template: a changed setting rolls the pods.
 */
public final class ConfigChecksum implements Enricher {

    public static final String ANNOTATION = "checksum/config";
    private final String checksum;

    public ConfigChecksum(Map<String, String> configData) {
        this.checksum = Checksums.sha256(new TreeMap<>(configData).toString());
    }

    @Override
    public void enrich(KubernetesListBuilder resources) {
        resources.accept(new BuilderVisitor<>(DeploymentBuilder.class) {
            @Override
            public void visit(DeploymentBuilder deployment) {
                deployment.editSpec().editTemplate().editMetadata().addToAnnotations(ANNOTATION, checksum)
                        .endMetadata().endTemplate().endSpec();
            }
        });
    }
}
