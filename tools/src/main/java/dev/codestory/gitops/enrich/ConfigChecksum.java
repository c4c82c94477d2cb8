package dev.codestory.gitops.enrich;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.yaml.Checksums;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The ConfigMaps keep stable names (no generator hash, which references inside custom resources would miss), so
 * Deployments carry a checksum of their data in their pod template: a changed setting rolls the pods. It covers
 * the app's settings ({@code code-story-config}) for every Deployment, and every other ConfigMap a pod reads
 * (the worker reads the broker's address from {@code code-story-redis}: a new Redis rolls the workers).
 */
public final class ConfigChecksum implements Enricher {

    public static final String ANNOTATION = "checksum/config";

    @Override
    public void enrich(KubernetesListBuilder resources) {
        Map<String, Map<String, String>> configMaps = new TreeMap<>();
        for (HasMetadata item : resources.buildItems()) {
            if (item instanceof ConfigMap configMap) {
                configMaps.put(configMap.getMetadata().getName(),
                        new TreeMap<>(configMap.getData() == null ? Map.of() : configMap.getData()));
            }
        }
        resources.accept(new BuilderVisitor<>(DeploymentBuilder.class) {
            @Override
            public void visit(DeploymentBuilder deployment) {
                TreeSet<String> others = new TreeSet<>();
                for (Container container : deployment.buildSpec().getTemplate().getSpec().getContainers()) {
                    for (EnvFromSource source : container.getEnvFrom()) {
                        if (source.getConfigMapRef() != null) {
                            others.add(source.getConfigMapRef().getName());
                        }
                    }
                    for (EnvVar variable : container.getEnv()) {
                        if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                            others.add(variable.getValueFrom().getConfigMapKeyRef().getName());
                        }
                    }
                }
                others.remove(Names.CONFIG);
                StringBuilder content = new StringBuilder(configMaps.getOrDefault(Names.CONFIG, Map.of()).toString());
                others.forEach(name -> content.append('\n').append(name).append(' ')
                        .append(configMaps.getOrDefault(name, Map.of())));
                deployment.editSpec().editTemplate().editMetadata()
                        .addToAnnotations(ANNOTATION, Checksums.sha256(content.toString()))
                        .endMetadata().endTemplate().endSpec();
            }
        });
    }
}
