package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

/**
 * network-policy: deny everything in the namespace, then allow exactly the flows the system needs. Policies
 * are additive, one per flow, so each one that depends on another component (the database, Redis, Prometheus,
 * KEDA) is generated only when that component is on, and any allowed set of components composes.
 */
public final class NetworkPolicies implements ResourceFactory {

    /** Pods of the app that talk to the database. */
    static final List<String> DATABASE_CLIENTS = List.of("api", "celery-worker", "celery-beat", "migration",
            Names.MIGRATION_WAIT_COMPONENT);
    /** Pods of the app that talk to Redis (the broker and result backend). */
    static final List<String> REDIS_CLIENTS = List.of("api", "celery-worker", "celery-beat");
    /** Pods of the app that call the outside world (Anthropic, ElevenLabs, GitHub, S3). */
    static final List<String> INTERNET_CLIENTS = List.of("api", "celery-worker", "celery-beat");
    static final List<String> INGRESS_TARGETS = List.of("api", "web", "admin");

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        if (!spec.has(Component.NETWORK_POLICY)) {
            return List.of();
        }
        EnvSpec.NetworkPolicy network = spec.networkPolicy();
        List<HasMetadata> policies = new ArrayList<>();
        policies.add(new NetworkPolicyBuilder()
                .withNewMetadata().withName("code-story-default-deny").endMetadata()
                .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Ingress", "Egress").endSpec()
                .build());
        // DNS servers no pod selector reaches (NodeLocal DNSCache runs on the host network) by address
        List<NetworkPolicyPeer> dns = new ArrayList<>(List.of(inNamespace(network.dns().namespace(),
                network.dns().podLabels())));
        network.dns().cidrs().forEach(cidr -> dns.add(block(cidr)));
        policies.add(new NetworkPolicyBuilder()
                .withNewMetadata().withName("code-story-allow-dns").endMetadata()
                .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Egress")
                .addNewEgress().withTo(dns)
                .withPorts(port("UDP", 53), port("TCP", 53)).endEgress()
                .endSpec().build());
        // load balancers that send to pod IPs, or a host-network controller, are no pod of any namespace
        List<NetworkPolicyPeer> ingress = new ArrayList<>(List.of(namespace(network.ingressControllerNamespace())));
        network.ingressFromCidrs().forEach(cidr -> ingress.add(block(cidr)));
        policies.add(new NetworkPolicyBuilder()
                .withNewMetadata().withName("code-story-allow-ingress-controller").endMetadata()
                .withNewSpec().withPodSelector(components(INGRESS_TARGETS)).withPolicyTypes("Ingress")
                .addNewIngress().withFrom(ingress)
                .withPorts(namedPort("http")).endIngress()
                .endSpec().build());
        List<NetworkPolicyPeer> https = new ArrayList<>();
        https.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0")
                .withExcept(network.httpsEgressExcept()).endIpBlock().build());
        network.privateHttpsCidrs().forEach(cidr -> https.add(block(cidr)));
        policies.add(new NetworkPolicyBuilder()
                .withNewMetadata().withName("code-story-allow-https-egress").endMetadata()
                .withNewSpec().withPodSelector(components(INTERNET_CLIENTS)).withPolicyTypes("Egress")
                .addNewEgress().withTo(https)
                .withPorts(port("TCP", 443)).endEgress()
                .endSpec().build());

        if (spec.has(Component.BUNDLED_POSTGRES)) {
            policies.addAll(toBundled("postgresql", Datastores.POSTGRES_COMPONENT, "postgresql", DATABASE_CLIENTS,
                    null));
        }
        if (spec.has(Component.MANAGED_DB)) {
            policies.add(toExternal("database", DATABASE_CLIENTS, spec.externalDatabase().cidr(),
                    spec.externalDatabase().port()));
        }
        if (spec.has(Component.BUNDLED_REDIS)) {
            String keda = spec.has(Component.KEDA_SCALING) ? network.kedaNamespace() : null;
            policies.addAll(toBundled("redis", Datastores.REDIS_COMPONENT, "redis", REDIS_CLIENTS, keda));
        }
        if (spec.has(Component.MANAGED_REDIS)) {
            policies.add(toExternal("redis", REDIS_CLIENTS, spec.externalRedis().cidr(), spec.externalRedis().port()));
        }
        if (spec.has(Component.MONITORING)) {
            policies.add(new NetworkPolicyBuilder()
                    .withNewMetadata().withName("code-story-allow-prometheus").endMetadata()
                    .withNewSpec().withPodSelector(components(List.of("api"))).withPolicyTypes("Ingress")
                    .addNewIngress().withFrom(namespace(network.prometheusNamespace()))
                    .withPorts(namedPort(Monitoring.PORT)).endIngress()
                    .endSpec().build());
        }
        return policies;
    }

    /** App pods to an in-namespace data store's named port, and the store accepting them (and KEDA, if given). */
    private static List<HasMetadata> toBundled(String what, String component, String portName, List<String> clients,
                                               String kedaNamespace) {
        var ingress = new NetworkPolicyBuilder()
                .withNewMetadata().withName("code-story-allow-" + what + "-ingress").endMetadata()
                .withNewSpec().withPodSelector(components(List.of(component))).withPolicyTypes("Ingress")
                .addNewIngress().withFrom(new NetworkPolicyPeerBuilder().withPodSelector(components(clients))
                        .build()).withPorts(namedPort(portName)).endIngress()
                .endSpec();
        if (kedaNamespace != null) {
            ingress.editSpec().addNewIngress().withFrom(namespace(kedaNamespace)).withPorts(namedPort(portName))
                    .endIngress().endSpec();
        }
        return List.of(ingress.build(), new NetworkPolicyBuilder()
                .withNewMetadata().withName("code-story-allow-" + what + "-egress").endMetadata()
                .withNewSpec().withPodSelector(components(clients)).withPolicyTypes("Egress")
                .addNewEgress().withTo(new NetworkPolicyPeerBuilder().withPodSelector(components(List.of(component)))
                        .build()).withPorts(namedPort(portName)).endEgress()
                .endSpec().build());
    }

    /** App pods to a managed store outside the cluster: exactly its address range and port. */
    private static HasMetadata toExternal(String what, List<String> clients, String cidr, int port) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName("code-story-allow-" + what + "-egress").endMetadata()
                .withNewSpec().withPodSelector(components(clients)).withPolicyTypes("Egress")
                .addNewEgress().addNewTo().withNewIpBlock().withCidr(cidr.isEmpty() ? "0.0.0.0/32" : cidr)
                .endIpBlock().endTo().withPorts(port("TCP", port)).endEgress()
                .endSpec().build();
    }

    private static LabelSelector components(List<String> components) {
        Map<String, String> app = Labels.selector("x");
        app.remove(Labels.COMPONENT);
        return new LabelSelectorBuilder().withMatchLabels(app)
                .addNewMatchExpression().withKey(Labels.COMPONENT).withOperator("In").withValues(components)
                .endMatchExpression().build();
    }

    private static NetworkPolicyPeer block(String cidr) {
        return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build();
    }

    private static NetworkPolicyPeer namespace(String name) {
        return new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", name).endNamespaceSelector().build();
    }

    private static NetworkPolicyPeer inNamespace(String name, Map<String, String> podLabels) {
        return new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", name).endNamespaceSelector()
                .withNewPodSelector().withMatchLabels(podLabels).endPodSelector().build();
    }

    private static NetworkPolicyPort port(String protocol, int number) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(number)).build();
    }

    private static NetworkPolicyPort namedPort(String name) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(name)).build();
    }
}
