package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** A static front end (web app or admin dashboard): Deployment, Service and Ingress. */
public final class FrontendResources implements ResourceFactory {

    /** The containers' names, which are also their components'. */
    public static final String WEB_CONTAINER = "web";
    public static final String ADMIN_CONTAINER = "admin";

    private final String name;
    private final String component;
    private final Function<EnvSpec, EnvSpec.Frontend> select;

    private FrontendResources(String name, String component, Function<EnvSpec, EnvSpec.Frontend> select) {
        this.name = name;
        this.component = component;
        this.select = select;
    }

    public static FrontendResources web() {
        return new FrontendResources(Names.WEB, WEB_CONTAINER, EnvSpec::web);
    }

    public static FrontendResources admin() {
        return new FrontendResources(Names.ADMIN, ADMIN_CONTAINER, EnvSpec::admin);
    }

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec.Frontend frontend = select.apply(environment.spec());
        List<HasMetadata> resources = new ArrayList<>();
        if (!frontend.enabled()) {
            return resources;
        }
        resources.add(deployment(environment, frontend));
        resources.add(Services.service(name, component, frontend.service()));
        if (frontend.ingress().enabled()) {
            resources.add(Ingresses.ingress(name, component, frontend.ingress()));
        }
        return resources;
    }

    private HasMetadata deployment(Environment environment, EnvSpec.Frontend frontend) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).addToLabels(Labels.COMPONENT, component).endMetadata()
                .withNewSpec()
                .withReplicas(frontend.replicaCount())
                .withNewSelector().withMatchLabels(Labels.selector(component)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.selector(component))
                .addToAnnotations("kubectl.kubernetes.io/default-container", component).endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName(component)
                        .withImage(Containers.image(frontend.image()))
                        .withImagePullPolicy(Containers.pullPolicy(environment, component + ".image",
                                frontend.image()))
                        .addNewPort().withName("http").withContainerPort(frontend.containerPort()).withProtocol("TCP")
                        .endPort()
                        .withLivenessProbe(Containers.httpProbe("/", 10, 10, 5))
                        .withReadinessProbe(Containers.httpProbe("/", 5, 5, 3))
                        .withResources(Containers.resources(frontend.resources()))
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
