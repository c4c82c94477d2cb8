package dev.codestory.gitops.objects;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.codestory.gitops.spec.EnvSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;

final class Ingresses {

    /** ingress-nginx's allow-list annotation; the spec holds the list as checked CIDRs. */
    static final String SOURCE_RANGE = "nginx.ingress.kubernetes.io/whitelist-source-range";
    private static final List<EnvSpec.IngressPath> ROOT = List.of(
            new EnvSpec.IngressPath("/", EnvSpec.PathType.Prefix));

    private Ingresses() {
    }

    static Ingress ingress(String service, String component, EnvSpec.IngressSpec spec) {
        Map<String, String> annotations = new TreeMap<>(spec.annotations());
        if (!spec.allowedSourceRanges().isEmpty()) {
            annotations.put(SOURCE_RANGE, String.join(",", spec.allowedSourceRanges()));
        }
        List<IngressRule> rules = spec.hosts().stream().map(host -> new IngressRuleBuilder()
                .withHost(host.host())
                .withNewHttp().withPaths((host.paths() == null ? ROOT : host.paths()).stream()
                        .map(path -> path(service, path)).toList()).endHttp()
                .build()).toList();
        List<IngressTLS> tls = spec.tls().stream()
                .map(t -> new IngressTLSBuilder().withSecretName(t.secretName()).withHosts(t.hosts()).build())
                .toList();
        return new IngressBuilder()
                .withNewMetadata().withName(service).addToLabels(Labels.COMPONENT, component)
                .withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .withNewSpec()
                .withIngressClassName(spec.className())
                .withRules(rules)
                .withTls(tls.isEmpty() ? null : tls)
                .endSpec()
                .build();
    }

    private static HTTPIngressPath path(String service, EnvSpec.IngressPath path) {
        return new HTTPIngressPathBuilder()
                .withPath(path.path()).withPathType(path.pathType().specValue())
                .withNewBackend().withNewService().withName(service).withNewPort().withName("http").endPort()
                .endService().endBackend()
                .build();
    }
}
