package dev.codestory.gitops.objects;

import dev.codestory.gitops.spec.EnvSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

final class Services {

    private Services() {
    }

    /** A Service whose port is named http and targets the container port named http. */
    static Service service(String name, String component, EnvSpec.ServiceSpec spec) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).addToLabels(Labels.COMPONENT, component).endMetadata()
                .withNewSpec()
                .withType(spec.type().specValue())
                .withSelector(Labels.selector(component))
                .addNewPort().withName("http").withPort(spec.port()).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }
}
