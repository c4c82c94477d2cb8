package dev.codestory.gitops.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import dev.codestory.gitops.yaml.RenderedObjects;

/** The policy check on single objects. */
class PolicyCheckTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                    - name: web
                      image: web:1.0.0
                      readinessProbe: {httpGet: {path: /, port: 8080}}
                      livenessProbe: {httpGet: {path: /, port: 8080}}
                      resources:
                        requests: {cpu: 100m, memory: 64Mi}
                        limits: {cpu: "1", memory: 128Mi}
                      securityContext:
                        allowPrivilegeEscalation: false
                        capabilities: {drop: [ALL]}
                        readOnlyRootFilesystem: true
                  volumes:
                    - name: tmp
                      emptyDir: {}
            """;

    private static final String CONTAINER = "Deployment/web spec.template.spec.containers[web]";

    @Test
    void aRestrictedDeploymentHasNoFindings() {
        assertThat(check(DEPLOYMENT, false)).isEmpty();
    }

    @Test
    void podSecurityRestricted() {
        String unsafe = DEPLOYMENT
                .replace("        runAsNonRoot: true\n", "        runAsNonRoot: false\n")
                .replace("        seccompProfile:\n          type: RuntimeDefault\n", "      hostPID: true\n")
                .replace("allowPrivilegeEscalation: false", "privileged: true")
                .replace("capabilities: {drop: [ALL]}", "capabilities: {add: [NET_ADMIN]}")
                .replace("      emptyDir: {}", "      hostPath: {path: /var/run}");
        assertThat(check(unsafe, false)).containsExactly(
                "Deployment/web spec.template.spec.hostPID: must not be true (Pod Security \"restricted\")",
                "Deployment/web spec.template.spec.volumes[tmp].hostPath: hostPath volumes are not allowed (Pod"
                        + " Security \"restricted\")",
                CONTAINER + ".securityContext.privileged: must not be true (Pod Security \"restricted\")",
                CONTAINER + ".securityContext.allowPrivilegeEscalation: must be false (Pod Security \"restricted\")",
                CONTAINER + ".securityContext.capabilities.drop: must include ALL (Pod Security \"restricted\")",
                CONTAINER + ".securityContext.capabilities.add: may add only NET_BIND_SERVICE, not NET_ADMIN (Pod"
                        + " Security \"restricted\")",
                CONTAINER + ".securityContext.runAsNonRoot: must be true, here or on the pod (Pod Security"
                        + " \"restricted\")",
                CONTAINER + ".securityContext.seccompProfile.type: must be RuntimeDefault or Localhost, here or on"
                        + " the pod (Pod Security \"restricted\")");
    }

    @Test
    void probesResourcesAndAReadOnlyRootFileSystem() {
        String loose = DEPLOYMENT
                .replace("          livenessProbe: {httpGet: {path: /, port: 8080}}\n", "")
                .replace("            limits: {cpu: \"1\", memory: 128Mi}\n", "            limits: {memory: lots}\n")
                .replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");
        assertThat(check(loose, false)).containsExactly(
                CONTAINER + ".livenessProbe: missing: every container of a Deployment needs readiness and liveness"
                        + " probes",
                CONTAINER + ".resources.limits.cpu: missing: every container needs cpu and memory requests and limits",
                CONTAINER + ".resources.limits.memory: 'lots' is not a quantity",
                CONTAINER + ".securityContext.readOnlyRootFilesystem: must be true (write to a mounted emptyDir such"
                        + " as /tmp instead)");
    }

    @Test
    void jobsNeedNoProbes() {
        String job = DEPLOYMENT.replace("apps/v1", "batch/v1").replace("kind: Deployment", "kind: Job")
                .replace("          readinessProbe: {httpGet: {path: /, port: 8080}}\n", "")
                .replace("          livenessProbe: {httpGet: {path: /, port: 8080}}\n", "");
        assertThat(check(job, false)).isEmpty();
    }

    @Test
    void latestAndUntaggedImagesOnlyInADevelopmentTier() {
        for (String image : List.of("web:latest", "registry.example:5000/web", "web")) {
            String deployment = DEPLOYMENT.replace("image: web:1.0.0", "image: " + image);
            assertThat(check(deployment, false)).as(image).singleElement().asString()
                    .startsWith(CONTAINER + ".image: image '" + image + "'")
                    .endsWith("; only a development tier may run latest");
            assertThat(check(deployment, true)).as(image).isEmpty();
        }
        assertThat(check(DEPLOYMENT.replace("image: web:1.0.0", "image: registry.example:5000/web:1.0.0"), false))
                .isEmpty();
        assertThat(check(DEPLOYMENT.replace("image: web:1.0.0", "image: web@sha256:" + "a".repeat(64)), false))
                .isEmpty();
    }

    @Test
    void nameBudgets() {
        String longName = "a".repeat(64);
        assertThat(check(DEPLOYMENT.replace("name: web\nspec:", "name: " + longName + "\nspec:"), false))
                .containsExactly("Deployment/" + longName + " metadata.name: name is 64 characters, over the budget"
                        + " of 63 for a Deployment");
        assertThat(check("apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: " + "w".repeat(55)
                + "\n", false)).singleElement().asString().contains("metadata.name: name is 55 characters, over the"
                + " budget of 54 for a ScaledObject (KEDA names the HPA it creates keda-hpa-<name>");
        assertThat(check("apiVersion: v1\nkind: Service\nmetadata:\n  name: Web_1\n", false)).singleElement()
                .asString().contains("'Web_1' is not a DNS-1123 label");
        assertThat(check("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: "
                + "v".repeat(64) + "\n    example.com/ok: \"-x\"\n", false)).containsExactly(
                "ConfigMap/c metadata.labels.version: label value is 64 characters, over 63",
                "ConfigMap/c metadata.labels[\"example.com/ok\"]: label value '-x' may hold only letters, digits, '-',"
                        + " '_' and '.', starting and ending with a letter or digit");
    }

    static Stream<Arguments> serviceMonitorSelectors() {
        return Stream.of(
                Arguments.of("name and component",
                        "matchLabels: {app.kubernetes.io/name: code-story, app.kubernetes.io/component: api}", null),
                Arguments.of("the instance label",
                        "matchLabels: {app.kubernetes.io/name: code-story, app.kubernetes.io/instance: code-story}",
                        "app.kubernetes.io/instance"),
                Arguments.of("a custom tracking key",
                        "matchExpressions: [{key: argocd.argoproj.io/instance, operator: Exists}]",
                        "argocd.argoproj.io/instance"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceMonitorSelectors")
    void aServiceMonitorSelectsOnLabelsArgoCdNeverRewrites(String name, String selector, String trackingLabel) {
        String monitor = "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: api\n"
                + "spec:\n  selector:\n    " + selector + "\n  endpoints: [{port: metrics}]\n";
        List<String> findings = check(monitor, false);
        if (trackingLabel == null) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).containsExactly("ServiceMonitor/api spec.selector: selects on " + trackingLabel
                    + ", which Argo CD's label tracking rewrites on the Service to the Application's name; select on"
                    + " labels no controller rewrites (app.kubernetes.io/name, app.kubernetes.io/component)");
        }
    }

    @Test
    void nothingThatLooksLikeASecretAnywhere() {
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                  annotations:
                    checksum/config: 3f2a9c0d4e5b6a7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7
                data:
                  DATABASE_URL: postgresql://codestory:hunter2@db:5432/codestory
                  GITHUB: ghp_0123456789abcdefghijABCDEFGHIJ012345
                  HOST: db.example.com
                """;
        assertThat(check(configMap, true)).containsExactly(
                "ConfigMap/c data.DATABASE_URL: looks like a secret value; secrets never go in Git (see README,"
                        + " 'Secrets')",
                "ConfigMap/c data.GITHUB: looks like a secret value; secrets never go in Git (see README, 'Secrets')");
    }

    static List<String> check(String yaml, boolean development) {
        try {
            JsonNode object = YamlRenderer.instance().mapper().readTree(yaml);
            Map<String, JsonNode> objects = new LinkedHashMap<>();
            objects.put(RenderedObjects.key(object), object);
            return PolicyCheck.check("test", development, objects).stream()
                    .map(f -> f.resource() + (f.field().isEmpty() ? "" : " " + f.field()) + ": " + f.problem())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
