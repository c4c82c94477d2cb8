package dev.codestory.gitops.analysis;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;

/** The reachability table of one environment: its pods and the outside parties its policies name. */
public final class NetworkTable {

    static final String INTERNET = "203.0.113.10";
    static final String PRIVATE = "10.255.255.254";
    private static final List<Reachability.Port> HTTPS = List.of(new Reachability.Port(443, "TCP", null));
    private static final List<Reachability.Port> DNS = List.of(new Reachability.Port(53, "UDP", null),
            new Reachability.Port(53, "TCP", null));

    private NetworkTable() {
    }

    public static List<Reachability.Party> parties(Environment environment, Collection<JsonNode> objects) {
        EnvSpec spec = environment.spec();
        EnvSpec.NetworkPolicy network = spec.networkPolicy();
        List<Reachability.Party> parties = new ArrayList<>(Reachability.pods(objects, environment.namespace()));
        parties.add(Reachability.outside("ingress controller", network.ingressControllerNamespace(), Map.of(),
                List.of()));
        for (String cidr : network.ingressFromCidrs()) {
            parties.add(Reachability.sender("load balancer (" + cidr + ")", sampleAddress(cidr)));
        }
        parties.add(Reachability.outside("prometheus", network.prometheusNamespace(), Map.of(), List.of()));
        parties.add(Reachability.outside("keda operator", network.kedaNamespace(), Map.of(), List.of()));
        parties.add(Reachability.outside("cluster DNS", network.dns().namespace(), network.dns().podLabels(), DNS));
        for (String cidr : network.dns().cidrs()) {
            parties.add(Reachability.address("DNS (" + cidr + ")", sampleAddress(cidr), DNS));
        }
        parties.add(Reachability.address("internet (" + INTERNET + ")", INTERNET, HTTPS));
        parties.add(Reachability.address("private network (" + PRIVATE + ")", PRIVATE, HTTPS));
        for (String cidr : network.privateHttpsCidrs()) {
            parties.add(Reachability.address("private HTTPS (" + cidr + ")", sampleAddress(cidr), HTTPS));
        }
        if (spec.has(Component.MANAGED_DB) && !spec.externalDatabase().cidr().isEmpty()) {
            parties.add(Reachability.address("managed database (" + spec.externalDatabase().cidr() + ")",
                    sampleAddress(spec.externalDatabase().cidr()),
                    List.of(new Reachability.Port(spec.externalDatabase().port(), "TCP", null))));
        }
        if (spec.has(Component.MANAGED_REDIS) && !spec.externalRedis().cidr().isEmpty()) {
            parties.add(Reachability.address("managed redis (" + spec.externalRedis().cidr() + ")",
                    sampleAddress(spec.externalRedis().cidr()),
                    List.of(new Reachability.Port(spec.externalRedis().port(), "TCP", null))));
        }
        return parties;
    }

    public static List<Reachability.Flow> flows(Environment environment, Collection<JsonNode> objects) {
        return Reachability.flows(environment.namespace(), objects, parties(environment, objects));
    }

    /** The table as Markdown rows under a header. */
    public static String markdown(Environment environment, Collection<JsonNode> objects) {
        StringBuilder text = new StringBuilder("| from | to | port |\n| --- | --- | --- |\n");
        for (Reachability.Flow flow : flows(environment, objects)) {
            text.append("| ").append(flow.from()).append(" | ").append(flow.to()).append(" | ").append(flow.port())
                    .append(" |\n");
        }
        return text.toString();
    }

    /** An address inside the range: the first after the network's own, or the address itself for a single host. */
    static String sampleAddress(String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            boolean host = Integer.parseInt(parts[1]) == network.length * 8;
            BigInteger first = new BigInteger(1, network).add(host ? BigInteger.ZERO : BigInteger.ONE);
            byte[] raw = first.toByteArray();
            byte[] address = new byte[network.length];
            System.arraycopy(raw, Math.max(0, raw.length - address.length), address,
                    Math.max(0, address.length - raw.length), Math.min(raw.length, address.length));
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
