package dev.codestory.gitops.enrich;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * With a read-only root file system, every container gets a writable {@code /tmp} on an {@code emptyDir}
 * (a factory may declare its own, e.g. with a size limit; it is then kept).
 */
public final class WritableTmp implements Enricher {

    static final String VOLUME = "tmp";

    @Override
    public void enrich(KubernetesListBuilder resources) {
        resources.accept(new BuilderVisitor<>(PodSpecBuilder.class) {
            @Override
            public void visit(PodSpecBuilder pod) {
                if (!pod.hasMatchingVolume(v -> VOLUME.equals(v.getName()))) {
                    pod.addNewVolume().withName(VOLUME).withNewEmptyDir().endEmptyDir().endVolume();
                }
                var containers = pod.buildContainers();
                for (int i = 0; i < containers.size(); i++) {
                    Container container = containers.get(i);
                    boolean mounted = container.getVolumeMounts() != null && container.getVolumeMounts().stream()
                            .anyMatch(m -> "/tmp".equals(m.getMountPath()));
                    if (!mounted) {
                        pod.editContainer(i).addToVolumeMounts(new VolumeMountBuilder().withName(VOLUME)
                                .withMountPath("/tmp").build()).endContainer();
                    }
                }
            }
        });
    }
}
