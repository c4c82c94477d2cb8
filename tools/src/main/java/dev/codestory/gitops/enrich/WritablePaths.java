package dev.codestory.gitops.enrich;

import java.util.List;
import java.util.Map;

import dev.codestory.gitops.spec.EnvSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * With a read-only root file system, each container writes only where an {@code emptyDir} is mounted: the paths
 * its spec names ({@code <workload>.writablePaths}, by container name), or {@code /tmp} for a container the spec
 * does not name (the bundled data stores). A volume or mount a factory declared itself is kept.
 */
public final class WritablePaths implements Enricher {

    static final List<EnvSpec.WritablePath> FALLBACK = List.of(new EnvSpec.WritablePath("/tmp", null));

    private final Map<String, List<EnvSpec.WritablePath>> byContainer;

    /** {@code byContainer}: the writable paths of each container, by the container's name. */
    public WritablePaths(Map<String, List<EnvSpec.WritablePath>> byContainer) {
        this.byContainer = Map.copyOf(byContainer);
    }

    @Override
    public void enrich(KubernetesListBuilder resources) {
        resources.accept(new BuilderVisitor<>(PodSpecBuilder.class) {
            @Override
            public void visit(PodSpecBuilder pod) {
                List<Container> containers = pod.buildContainers();
                for (int i = 0; i < containers.size(); i++) {
                    Container container = containers.get(i);
                    for (EnvSpec.WritablePath writable : byContainer.getOrDefault(container.getName(), FALLBACK)) {
                        String volume = writable.volumeName();
                        if (!pod.hasMatchingVolume(v -> volume.equals(v.getName()))) {
                            pod.addNewVolume().withName(volume).withEmptyDir(new EmptyDirVolumeSourceBuilder()
                                    .withSizeLimit(writable.sizeLimit() == null ? null
                                            : new Quantity(writable.sizeLimit())).build())
                                    .endVolume();
                        }
                        boolean mounted = container.getVolumeMounts() != null && container.getVolumeMounts().stream()
                                .anyMatch(m -> writable.path().equals(m.getMountPath()));
                        if (!mounted) {
                            pod.editContainer(i).addToVolumeMounts(new VolumeMountBuilder().withName(volume)
                                    .withMountPath(writable.path()).build()).endContainer();
                        }
                    }
                }
            }
        });
    }
}
