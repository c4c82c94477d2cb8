package dev.codestory.gitops.enrich;

import dev.codestory.gitops.objects.CoreResources;
import dev.codestory.gitops.spec.EnvSpec;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;

/** Every pod: the app's ServiceAccount, no API token unless asked for, the image pull secrets. */
public final class PodDefaults implements Enricher {

    private final EnvSpec spec;

    public PodDefaults(EnvSpec spec) {
        this.spec = spec;
    }

    @Override
    public void enrich(KubernetesListBuilder resources) {
        resources.accept(new BuilderVisitor<>(PodSpecBuilder.class) {
            @Override
            public void visit(PodSpecBuilder pod) {
                pod.withServiceAccountName(CoreResources.serviceAccountName(spec));
                pod.withAutomountServiceAccountToken(spec.serviceAccount().automountToken());
                pod.withEnableServiceLinks(false);
                for (String secret : spec.global().imagePullSecrets()) {
                    if (pod.buildImagePullSecrets() == null || pod.buildImagePullSecrets().stream()
                            .noneMatch(s -> secret.equals(s.getName()))) {
                        pod.addToImagePullSecrets(new LocalObjectReference(secret));
                    }
                }
            }
        });
    }
}
