package dev.codestory.gitops.spec;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spec keys of what runs in the cluster (writable paths, KEDA's scale-down window, the network policy's
 * address ranges, Flux's credentials): each accepted as documented, each mistake one message at its line.
 */
class RuntimeSpecKeysTest {

    private static final String FILE = "overlays/qa/env.yaml";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a relative writable path",
                        "web:\n  writablePaths:\n    - path: var/run\n",
                        "4:13: web.writablePaths[0].path: 'var/run' is not an absolute path below / (e.g. /tmp,"
                                + " /var/cache/nginx)"),
                Arguments.of("the root as a writable path",
                        "api:\n  writablePaths:\n    - path: /\n",
                        "4:13: api.writablePaths[0].path: '/' is not an absolute path below /"),
                Arguments.of("a path that climbs out",
                        "migration:\n  writablePaths:\n    - path: /tmp/../etc\n",
                        "4:13: migration.writablePaths[0].path: '/tmp/../etc' is not an absolute path below /"),
                Arguments.of("a writable path twice",
                        "celeryBeat:\n  writablePaths:\n    - path: /tmp\n    - path: /tmp\n",
                        "5:13: celeryBeat.writablePaths[1].path: '/tmp' is listed twice"),
                Arguments.of("two paths, one volume name",
                        "admin:\n  writablePaths:\n    - path: /var/run\n    - path: /var-run\n",
                        "5:13: admin.writablePaths[1].path: '/var-run' and '/var/run' both make the volume name"
                                + " 'var-run'"),
                Arguments.of("a size limit that is no quantity",
                        "celeryWorker:\n  writablePaths:\n    - path: /tmp\n      sizeLimit: two gigs\n",
                        "5:18: celeryWorker.writablePaths[0].sizeLimit: 'two gigs' is not a Kubernetes quantity"),
                Arguments.of("a stabilization window past the HPA's limit",
                        "components: [bundled-postgres, bundled-redis, keda-scaling]\n"
                                + "keda:\n  scaleDownStabilizationSeconds: 7200\n",
                        "4:34: keda.scaleDownStabilizationSeconds: must be between 0 and 3600 (the HPA's limit), got"
                                + " 7200"),
                Arguments.of("a DNS address that is no CIDR",
                        "components: [bundled-postgres, bundled-redis, network-policy]\n"
                                + "networkPolicy:\n  dns:\n    cidrs: [169.254.20.10]\n",
                        "5:13: networkPolicy.dns.cidrs[0]: '169.254.20.10' is not a CIDR"),
                Arguments.of("a private HTTPS range that is no CIDR",
                        "components: [bundled-postgres, bundled-redis, network-policy]\n"
                                + "networkPolicy:\n  privateHttpsCidrs: [10.0.0.0/40]\n",
                        "4:23: networkPolicy.privateHttpsCidrs[0]: '10.0.0.0/40' is not a CIDR"),
                Arguments.of("an ingress range that is no CIDR",
                        "components: [bundled-postgres, bundled-redis, network-policy]\n"
                                + "networkPolicy:\n  ingressFromCidrs: [load-balancer]\n",
                        "4:22: networkPolicy.ingressFromCidrs[0]: 'load-balancer' is not a CIDR"),
                Arguments.of("a Secret name that is no DNS name",
                        "gitops:\n  controller: flux\n  secretRef: Repo_Creds\n",
                        "4:14: gitops.secretRef: 'Repo_Creds' is not a valid DNS-1123 subdomain"),
                Arguments.of("Flux asked for another repository without credentials",
                        "gitops:\n  controller: flux\n  repoURL: https://example.com/fork.git\n",
                        "4:12: gitops.repoURL: without gitops.secretRef, Flux syncs from its bootstrap GitRepository"
                                + " flux-system (the repository and branch flux bootstrap was given), so this would be"
                                + " ignored; name the Secret with this repository's credentials in gitops.secretRef"),
                Arguments.of("Flux asked for another branch without credentials",
                        "gitops:\n  controller: flux\n  revision: release\n",
                        "4:13: gitops.revision: without gitops.secretRef, Flux syncs from its bootstrap"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isRefusedAtItsLine(String name, String keys, String expected) {
        assertThatThrownBy(() -> SpecLoader.parse("qa", FILE, "tier: development\n" + keys))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::toString).singleElement().asString()
                        .startsWith(FILE + ":" + expected));
    }

    @Test
    void theDocumentedFormsAreAccepted() {
        EnvSpec spec = SpecLoader.parse("qa", FILE, """
                tier: development
                components: [bundled-postgres, bundled-redis, network-policy, keda-scaling]
                web:
                  writablePaths:
                    - path: /tmp
                    - path: /var/cache/nginx
                      sizeLimit: 64Mi
                keda:
                  scaleDownStabilizationSeconds: 600
                networkPolicy:
                  ingressFromCidrs: [10.40.0.0/16]
                  dns:
                    cidrs: [169.254.20.10/32, 10.96.0.10/32]
                  privateHttpsCidrs: [10.30.0.0/24]
                gitops:
                  controller: flux
                  repoURL: ssh://git@github.com/code-story/code-story-gitops.git
                  secretRef: code-story-repo
                """).spec();

        assertThat(spec.web().writablePaths()).extracting(EnvSpec.WritablePath::volumeName)
                .containsExactly("tmp", "var-cache-nginx");
        assertThat(spec.web().writablePaths().get(1).sizeLimit()).isEqualTo("64Mi");
        assertThat(spec.admin().writablePaths()).extracting(EnvSpec.WritablePath::path)
                .containsExactly("/tmp", "/var/cache/nginx", "/var/run");
        assertThat(spec.keda().scaleDownStabilizationSeconds()).isEqualTo(600);
        assertThat(spec.networkPolicy().dns().cidrs()).containsExactly("169.254.20.10/32", "10.96.0.10/32");
        assertThat(spec.gitops().secretRef()).isEqualTo("code-story-repo");
    }

    @Test
    void theDefaultsLetNginxAndThePythonProcessesWrite() {
        EnvSpec spec = SpecLoader.defaultsEnvironment().spec();
        for (List<EnvSpec.WritablePath> frontend : List.of(spec.web().writablePaths(), spec.admin().writablePaths())) {
            assertThat(frontend).extracting(EnvSpec.WritablePath::path)
                    .contains("/tmp", "/var/cache/nginx", "/var/run");
        }
        for (List<EnvSpec.WritablePath> python : List.of(spec.api().writablePaths(),
                spec.celeryWorker().writablePaths(), spec.celeryBeat().writablePaths(),
                spec.migration().writablePaths())) {
            assertThat(python).extracting(EnvSpec.WritablePath::path).contains("/tmp");
        }
        assertThat(spec.web().containerPort()).isEqualTo(8080);
        assertThat(spec.admin().containerPort()).isEqualTo(8080);
        assertThat(spec.networkPolicy().dns().cidrs()).containsExactly("169.254.20.10/32");
        assertThat(spec.gitops().secretRef()).isEmpty();
    }
}
