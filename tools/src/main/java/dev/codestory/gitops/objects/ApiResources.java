package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.List;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

import static dev.codestory.gitops.objects.SecretKeys.ANTHROPIC_API_KEY;
import static dev.codestory.gitops.objects.SecretKeys.AWS_ACCESS_KEY_ID;
import static dev.codestory.gitops.objects.SecretKeys.AWS_SECRET_ACCESS_KEY;
import static dev.codestory.gitops.objects.SecretKeys.CELERY_BROKER_URL;
import static dev.codestory.gitops.objects.SecretKeys.DATABASE_URL;
import static dev.codestory.gitops.objects.SecretKeys.ELEVENLABS_API_KEY;
import static dev.codestory.gitops.objects.SecretKeys.GITHUB_TOKEN;
import static dev.codestory.gitops.objects.SecretKeys.JWT_SECRET;
import static dev.codestory.gitops.objects.SecretKeys.REDIS_URL;

/** The FastAPI server: Deployment, Service, Ingress, HPA and PDB. */
public final class ApiResources implements ResourceFactory {

    static final String COMPONENT = "api";
    public static final String CONTAINER = "api";

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec.Api api = environment.spec().api();
        List<HasMetadata> resources = new ArrayList<>();
        boolean monitored = environment.spec().has(Component.MONITORING);
        resources.add(deployment(environment, monitored));
        Service service = Services.service(Names.API, COMPONENT, api.service());
        if (monitored) {
            // first: kustomize puts the ports a component adds before the existing ones
            service.getSpec().getPorts().add(0, new ServicePortBuilder().withName(Monitoring.PORT)
                    .withPort(environment.spec().metrics().port()).withTargetPort(new IntOrString(Monitoring.PORT))
                    .withProtocol("TCP").build());
        }
        resources.add(service);
        if (api.ingress().enabled()) {
            resources.add(Ingresses.ingress(Names.API, COMPONENT, api.ingress()));
        }
        if (api.autoscaling().enabled()) {
            resources.add(Autoscalers.hpa(Names.API, COMPONENT, api.autoscaling(), true));
        }
        if (api.podDisruptionBudget().enabled()) {
            resources.add(new PodDisruptionBudgetBuilder()
                    .withNewMetadata().withName(Names.API).addToLabels(Labels.COMPONENT, COMPONENT).endMetadata()
                    .withNewSpec()
                    .withMinAvailable(new IntOrString(api.podDisruptionBudget().minAvailable()))
                    .withNewSelector().withMatchLabels(Labels.selector(COMPONENT)).endSelector()
                    .endSpec()
                    .build());
        }
        return resources;
    }

    private static HasMetadata deployment(Environment environment, boolean monitored) {
        EnvSpec spec = environment.spec();
        EnvSpec.Api api = spec.api();
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(Containers.image(api.image()))
                .withImagePullPolicy(Containers.pullPolicy(environment, "api.image", api.image()))
                .withEnvFrom(Containers.config())
                .withEnv(SecretKeys.envVars(DATABASE_URL, REDIS_URL, CELERY_BROKER_URL, JWT_SECRET,
                        ANTHROPIC_API_KEY, ELEVENLABS_API_KEY, GITHUB_TOKEN, AWS_ACCESS_KEY_ID,
                        AWS_SECRET_ACCESS_KEY))
                .withLivenessProbe(Containers.httpProbe("/health", 30, 10, 5))
                .withReadinessProbe(Containers.httpProbe("/health", 5, 5, 3))
                .withResources(Containers.resources(api.resources()));
        if (monitored) {
            // first: kustomize puts the ports a component adds before the existing ones
            container.addNewPort().withName(Monitoring.PORT).withContainerPort(spec.metrics().port())
                    .withProtocol("TCP").endPort()
                    .addNewEnv().withName("METRICS_PORT").withValue(Integer.toString(spec.metrics().port())).endEnv();
        }
        container.addNewPort().withName("http").withContainerPort(8000).withProtocol("TCP").endPort();
        return new DeploymentBuilder()
                .withNewMetadata().withName(Names.API).addToLabels(Labels.COMPONENT, COMPONENT).endMetadata()
                .withNewSpec()
                .withReplicas(api.autoscaling().enabled() ? null : api.replicaCount())
                .withNewSelector().withMatchLabels(Labels.selector(COMPONENT)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.selector(COMPONENT))
                .addToAnnotations("kubectl.kubernetes.io/default-container", "api").endMetadata()
                .withNewSpec()
                .addToContainers(container.build())
                .withNodeSelector(api.nodeSelector().isEmpty() ? null : api.nodeSelector())
                .withTolerations(Containers.tolerations(api.tolerations()))
                .withAffinity(Containers.affinity(api.affinity()))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
