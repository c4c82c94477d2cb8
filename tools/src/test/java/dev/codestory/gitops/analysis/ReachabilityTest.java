package dev.codestory.gitops.analysis;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.analysis.NetworkTable;
import dev.codestory.gitops.analysis.Reachability;
import dev.codestory.gitops.generate.AppObjects;
import dev.codestory.gitops.yaml.YamlRenderer;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network policies allow exactly the flows the system needs, for managed and bundled stores, with KEDA
 * and Prometheus; and a managed database on a private address stays reachable (the seed chart's policy blocked
 * it).
 */
class ReachabilityTest {

    private static List<Reachability.Flow> flows(String spec) {
        Environment environment = SpecLoader.parse("qa", "overlays/qa/env.yaml", spec);
        List<JsonNode> objects = AppObjects.build(environment).stream().map(YamlRenderer.instance()::toTree).toList();
        return NetworkTable.flows(environment, objects);
    }

    private static Reachability.Flow flow(String from, String to, String port) {
        return new Reachability.Flow(from, to, port);
    }

    /** Each pod to cluster DNS and to NodeLocal DNSCache's address (the default networkPolicy.dns.cidrs). */
    private static List<Reachability.Flow> dns(String... pods) {
        return java.util.Arrays.stream(pods).flatMap(pod -> java.util.stream.Stream.of(
                flow(pod, "cluster DNS", "53/UDP"), flow(pod, "cluster DNS", "53/TCP"),
                flow(pod, NODE_LOCAL_DNS, "53/UDP"), flow(pod, NODE_LOCAL_DNS, "53/TCP"))).toList();
    }

    private static final String NODE_LOCAL_DNS = "DNS (169.254.20.10/32)";
    private static final String MANAGED = """
            tier: development
            components: [managed-db, managed-redis, network-policy, monitoring]
            externalDatabase: {host: db.example.com, cidr: 10.1.0.0/16}
            externalRedis: {host: redis.example.com, cidr: 10.2.0.0/16}
            """;

    /** Each spec key of the policy, the flows it must open and those that must stay closed. */
    static Stream<Arguments> networkKeys() {
        return Stream.of(
                Arguments.of("NodeLocal DNSCache by default",
                        "",
                        List.of(flow("api", NODE_LOCAL_DNS, "53/UDP"), flow("web", NODE_LOCAL_DNS, "53/TCP")),
                        List.of(flow("api", "DNS (10.96.0.10/32)", "53/UDP"))),
                Arguments.of("the kube-dns ClusterIP as a further DNS target",
                        "networkPolicy:\n  dns:\n    cidrs: [169.254.20.10/32, 10.96.0.10/32]\n",
                        List.of(flow("migration", "DNS (10.96.0.10/32)", "53/UDP"),
                                flow("admin", "DNS (10.96.0.10/32)", "53/TCP")),
                        List.of(flow("api", "DNS (10.96.0.10/32)", "443/TCP"))),
                Arguments.of("no DNS by address",
                        "networkPolicy:\n  dns:\n    cidrs: []\n",
                        List.of(flow("api", "cluster DNS", "53/UDP")),
                        List.of(flow("api", NODE_LOCAL_DNS, "53/UDP"))),
                Arguments.of("an S3 VPC endpoint on a private address",
                        "networkPolicy:\n  privateHttpsCidrs: [10.30.0.0/24]\n",
                        List.of(flow("api", "private HTTPS (10.30.0.0/24)", "443/TCP"),
                                flow("celery-worker", "private HTTPS (10.30.0.0/24)", "443/TCP")),
                        List.of(flow("web", "private HTTPS (10.30.0.0/24)", "443/TCP"),
                                flow("api", "private network (10.255.255.254)", "443/TCP"))),
                Arguments.of("a load balancer in IP mode",
                        "networkPolicy:\n  ingressFromCidrs: [10.40.0.0/16]\n",
                        List.of(flow("load balancer (10.40.0.0/16)", "web", "http (8080)"),
                                flow("load balancer (10.40.0.0/16)", "admin", "http (8080)"),
                                flow("load balancer (10.40.0.0/16)", "api", "http (8000)")),
                        List.of(flow("load balancer (10.40.0.0/16)", "api", "metrics (9090)"))),
                Arguments.of("no load balancer by default",
                        "",
                        List.of(flow("ingress controller", "web", "http (8080)")),
                        List.of(flow("load balancer (10.40.0.0/16)", "web", "http (8080)"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkKeys")
    void eachNetworkKeyOpensExactlyItsFlows(String name, String keys, List<Reachability.Flow> open,
                                            List<Reachability.Flow> closed) {
        List<Reachability.Flow> flows = flows(MANAGED + keys);
        assertThat(flows).containsAll(open);
        assertThat(flows).doesNotContainAnyElementsOf(closed);
    }

    @Test
    void managedStoresKedaAndMonitoring() {
        List<Reachability.Flow> flows = flows("""
                tier: development
                components: [managed-db, managed-redis, keda-scaling, network-policy, monitoring]
                externalDatabase: {host: db.example.com, cidr: 10.1.0.0/16}
                externalRedis: {host: redis.example.com, cidr: 10.2.0.0/16}
                """);
        List<Reachability.Flow> expected = new java.util.ArrayList<>();
        expected.addAll(dns("admin", "api", "celery-beat", "celery-worker", "migration", "web"));
        for (String pod : List.of("api", "celery-beat", "celery-worker")) {
            expected.add(flow(pod, "internet (203.0.113.10)", "443/TCP"));
            expected.add(flow(pod, "managed database (10.1.0.0/16)", "5432/TCP"));
            expected.add(flow(pod, "managed redis (10.2.0.0/16)", "6379/TCP"));
        }
        expected.add(flow("migration", "managed database (10.1.0.0/16)", "5432/TCP"));
        expected.add(flow("ingress controller", "admin", "http (8080)"));
        expected.add(flow("ingress controller", "api", "http (8000)"));
        expected.add(flow("ingress controller", "web", "http (8080)"));
        expected.add(flow("prometheus", "api", "metrics (9090)"));
        assertThat(flows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void bundledStoresWithKeda() {
        List<Reachability.Flow> flows = flows("""
                tier: development
                components: [bundled-postgres, bundled-redis, keda-scaling, network-policy]
                """);
        assertThat(flows).contains(
                flow("api", "postgresql", "postgresql (5432)"),
                flow("migration", "postgresql", "postgresql (5432)"),
                flow("celery-worker", "redis", "redis (6379)"),
                flow("keda operator", "redis", "redis (6379)"),
                flow("postgresql", "cluster DNS", "53/UDP"));
        assertThat(flows).doesNotContain(
                flow("web", "postgresql", "postgresql (5432)"),
                flow("migration", "redis", "redis (6379)"),
                flow("ingress controller", "postgresql", "postgresql (5432)"),
                flow("postgresql", "internet (203.0.113.10)", "443/TCP"),
                flow("prometheus", "api", "metrics (9090)"));
    }

    @Test
    void nothingReachesPrivateAddressesOverHttpsAndTheFrontEndsCallNobody() {
        List<Reachability.Flow> flows = flows("""
                tier: development
                components: [managed-db, managed-redis, network-policy]
                externalDatabase: {host: db.example.com, cidr: 10.1.0.0/16}
                externalRedis: {host: redis.example.com, cidr: 10.2.0.0/16}
                """);
        assertThat(flows).noneMatch(f -> f.to().startsWith("private network"));
        assertThat(flows).filteredOn(f -> f.from().equals("web") || f.from().equals("admin"))
                .allMatch(f -> f.to().equals("cluster DNS") || f.to().equals(NODE_LOCAL_DNS));
        assertThat(flows).noneMatch(f -> f.from().equals("api") && f.to().equals("celery-worker"));
    }

    @Test
    void withoutTheComponentEverythingIsOpen() {
        List<Reachability.Flow> flows = flows("tier: development\ncomponents: [bundled-postgres, bundled-redis]\n");
        assertThat(flows).contains(flow("web", "postgresql", "postgresql (5432)"),
                flow("api", "private network (10.255.255.254)", "443/TCP"));
    }
}
