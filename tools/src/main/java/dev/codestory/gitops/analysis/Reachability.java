package dev.codestory.gitops.analysis;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who may reach whom, on which port, under an environment's NetworkPolicies: the Kubernetes rules evaluated
 * offline. A flow is allowed when the source's egress and the destination's ingress both allow it (a pod no
 * policy selects for a direction is open in that direction). Sources and destinations are the environment's
 * pods plus named outside parties (the ingress controller, Prometheus, KEDA, cluster DNS, the internet, a
 * private address, the managed stores).
 */
public final class Reachability {

    /**
     * Something that sends or receives traffic. {@code ip} is set for parties outside the cluster; of those, only
     * the ones that {@code send} are sources (a load balancer in front of the pods), the rest are destinations.
     */
    public record Party(String name, String namespace, JsonNode labels, List<Port> ports, String ip,
                        boolean inEnvironment, boolean sends) {
    }

    /** A port a party listens on: number, protocol, and its name on the pod (if any). */
    public record Port(int number, String protocol, String name) {
        @Override
        public String toString() {
            return (name == null ? number + "/" + protocol : name + " (" + number + ")");
        }
    }

    /** An allowed flow. */
    public record Flow(String from, String to, String port) {
    }

    private final String namespace;
    private final List<JsonNode> policies;

    private Reachability(String namespace, List<JsonNode> policies) {
        this.namespace = namespace;
        this.policies = policies;
    }

    /** The environment's pods (one party per workload) from its objects, in {@code namespace}. */
    public static List<Party> pods(Collection<JsonNode> objects, String namespace) {
        List<Party> pods = new ArrayList<>();
        for (JsonNode object : objects) {
            JsonNode template = object.path("spec").path("template");
            if (!template.has("spec")) {
                continue;
            }
            List<Port> ports = new ArrayList<>();
            for (JsonNode container : template.path("spec").path("containers")) {
                for (JsonNode port : container.path("ports")) {
                    ports.add(new Port(port.path("containerPort").asInt(), port.path("protocol").asText("TCP"),
                            port.path("name").asText(null)));
                }
            }
            String name = template.path("metadata").path("labels").path("app.kubernetes.io/component")
                    .asText(object.path("metadata").path("name").asText());
            pods.add(new Party(name, namespace, template.path("metadata").path("labels"), ports, null, true, true));
        }
        return pods;
    }

    /** A pod of another namespace (ingress controller, Prometheus, KEDA, DNS). */
    public static Party outside(String name, String namespace, Map<String, String> labels, List<Port> ports) {
        ObjectNode podLabels = JsonNodeFactory.instance.objectNode();
        labels.forEach(podLabels::put);
        return new Party(name, namespace, podLabels, ports, null, false, true);
    }

    /** An address outside the cluster that the pods may call. */
    public static Party address(String name, String ip, List<Port> ports) {
        return new Party(name, null, JsonNodeFactory.instance.objectNode(), ports, ip, false, false);
    }

    /** An address that calls the pods (a load balancer sending straight to pod IPs, a node). */
    public static Party sender(String name, String ip) {
        return new Party(name, null, JsonNodeFactory.instance.objectNode(), List.of(), ip, false, true);
    }

    /** Every allowed flow between the parties, in the order given (sources, then destinations, then ports). */
    public static List<Flow> flows(String namespace, Collection<JsonNode> objects, List<Party> parties) {
        List<JsonNode> policies = objects.stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy")).toList();
        Reachability reachability = new Reachability(namespace, policies);
        List<Flow> flows = new ArrayList<>();
        for (Party from : parties) {
            if (!from.sends()) {
                continue;
            }
            for (Party to : parties) {
                if (to == from || (!from.inEnvironment() && !to.inEnvironment())) {
                    continue;
                }
                for (Port port : to.ports()) {
                    if (reachability.allowed(from, to, port)) {
                        flows.add(new Flow(from.name(), to.name(), port.toString()));
                    }
                }
            }
        }
        return flows;
    }

    boolean allowed(Party from, Party to, Port port) {
        return allows(from, "Egress", to, port) && allows(to, "Ingress", from, port);
    }

    /** Whether {@code subject}'s policies for {@code type} let traffic to or from {@code peer} on {@code port}. */
    private boolean allows(Party subject, String type, Party peer, Port port) {
        if (!subject.inEnvironment()) {
            return true;
        }
        boolean isolated = false;
        String direction = type.equals("Ingress") ? "ingress" : "egress";
        String peersField = type.equals("Ingress") ? "from" : "to";
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            if (!References.matches(spec.path("podSelector"), subject.labels()) && !spec.path("podSelector").isEmpty()) {
                continue;
            }
            if (!types(spec).contains(type)) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : spec.path(direction)) {
                if (peerMatches(rule.path(peersField), peer) && portMatches(rule.path("ports"), port)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static List<String> types(JsonNode spec) {
        List<String> types = new ArrayList<>();
        if (spec.has("policyTypes")) {
            spec.path("policyTypes").forEach(t -> types.add(t.asText()));
        } else {
            types.add("Ingress");
            if (spec.has("egress")) {
                types.add("Egress");
            }
        }
        return types;
    }

    private boolean peerMatches(JsonNode peers, Party peer) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode selector : peers) {
            if (selector.has("ipBlock")) {
                if (peer.ip() != null && inBlock(peer.ip(), selector.path("ipBlock"))) {
                    return true;
                }
                continue;
            }
            if (peer.ip() != null) {
                continue;
            }
            boolean namespaceOk = selector.has("namespaceSelector")
                    ? selectorMatches(selector.path("namespaceSelector"), namespaceLabels(peer.namespace()))
                    : namespace.equals(peer.namespace());
            boolean podOk = !selector.has("podSelector") || selectorMatches(selector.path("podSelector"), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean selectorMatches(JsonNode selector, JsonNode labels) {
        return (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty())
                || References.matches(selector, labels);
    }

    private static JsonNode namespaceLabels(String namespace) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    private static boolean portMatches(JsonNode ports, Port port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            if (!entry.path("protocol").asText("TCP").equals(port.protocol())) {
                continue;
            }
            JsonNode value = entry.path("port");
            if (value.isMissingNode() || (value.isInt() && value.asInt() == port.number())
                    || (value.isTextual() && (value.asText().equals(port.name())
                    || value.asText().equals(Integer.toString(port.number()))))) {
                return true;
            }
        }
        return false;
    }

    static boolean inBlock(String ip, JsonNode block) {
        if (!inCidr(ip, block.path("cidr").asText())) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (inCidr(ip, except.asText())) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String ip, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            int total = network.length * 8;
            BigInteger mask = bits == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE).shiftRight(total - bits).shiftLeft(total - bits);
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }
}
