package dev.codestory.gitops.objects;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;

/** Pieces every workload factory uses: resources, probes, scheduling, configuration. */
public final class Containers {

    private Containers() {
    }

    public static ResourceRequirements resources(EnvSpec.Resources resources) {
        return new ResourceRequirementsBuilder()
                .withRequests(quantities(resources.requests()))
                .withLimits(quantities(resources.limits()))
                .build();
    }

    private static Map<String, Quantity> quantities(EnvSpec.ResourceList list) {
        Map<String, Quantity> quantities = new TreeMap<>();
        quantities.put("cpu", new Quantity(list.cpu()));
        quantities.put("memory", new Quantity(list.memory()));
        return quantities;
    }

    /** The image name as base writes it; the tag or digest is set per overlay with kustomize's images:. */
    public static String image(EnvSpec.Image image) {
        return image.repository();
    }

    /**
     * The image pull policy: the spec's, except that a development tier running {@code latest} (no digest, as its
     * images file says) pulls {@code Always} unless its spec chose a policy, so that a new push reaches the next pod
     * (as Kubernetes itself defaults a {@code latest} image to Always).
     */
    public static String pullPolicy(Environment environment, String imagePath, EnvSpec.Image image) {
        boolean latest = environment.images().of(image.repository()).latest();
        if (latest && environment.spec().tier() == EnvSpec.Tier.DEVELOPMENT
                && environment.isDefault(imagePath + ".pullPolicy")) {
            return EnvSpec.PullPolicy.Always.specValue();
        }
        return image.pullPolicy().specValue();
    }

    public static EnvFromSource config() {
        return new EnvFromSourceBuilder().withNewConfigMapRef().withName(Names.CONFIG).endConfigMapRef().build();
    }

    static Probe httpProbe(String path, int initialDelay, int period, int timeout) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withInitialDelaySeconds(initialDelay).withPeriodSeconds(period).withTimeoutSeconds(timeout)
                .withFailureThreshold(3)
                .build();
    }

    static Probe execProbe(List<String> command, int initialDelay, int period, int timeout) {
        return new ProbeBuilder()
                .withNewExec().withCommand(command).endExec()
                .withInitialDelaySeconds(initialDelay).withPeriodSeconds(period).withTimeoutSeconds(timeout)
                .withFailureThreshold(3)
                .build();
    }

    static List<Toleration> tolerations(List<EnvSpec.Toleration> tolerations) {
        return tolerations.stream().map(t -> new TolerationBuilder().withKey(t.key()).withOperator(t.operator())
                .withValue(t.value()).withEffect(t.effect()).withTolerationSeconds(t.tolerationSeconds()).build())
                .toList();
    }

    /** The spec's typed affinity as fabric8's (field for field, the same names); none when nothing is set. */
    static Affinity affinity(dev.codestory.gitops.spec.Affinity affinity) {
        return affinity == null || affinity.nothingSet() ? null : ObjectMapping.convert(affinity, Affinity.class);
    }
}
