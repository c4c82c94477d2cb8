package dev.codestory.gitops.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.kustomize.Kustomize;
import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.yaml.YamlRenderer;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

class StrategicMergeDiffTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("equal objects give an empty patch",
                        "{spec: {replicas: 2, template: {spec: {containers: [{name: api, image: a}]}}}}",
                        "{spec: {replicas: 2, template: {spec: {containers: [{name: api, image: a}]}}}}",
                        "{}"),
                Arguments.of("a changed scalar",
                        "{spec: {replicas: 1, paused: false}}",
                        "{spec: {replicas: 3, paused: false}}",
                        "{spec: {replicas: 3}}"),
                Arguments.of("a removed field becomes null",
                        "{spec: {replicas: 1, revisionHistoryLimit: 5}}",
                        "{spec: {replicas: 1}}",
                        "{spec: {revisionHistoryLimit: null}}"),
                Arguments.of("a nested map change keeps only the changed keys",
                        "{metadata: {labels: {a: '1', b: '2', c: '3'}, annotations: {x: y}}}",
                        "{metadata: {labels: {a: '1', b: '20', d: '4'}, annotations: {x: y}}}",
                        "{metadata: {labels: {b: '20', c: null, d: '4'}}}"),
                Arguments.of("only the changed container appears, with its name",
                        "{containers: [{name: api, image: api:1, args: [serve]}, {name: sidecar, image: s:1}]}",
                        "{containers: [{name: api, image: api:2, args: [serve]}, {name: sidecar, image: s:1}]}",
                        "{containers: [{name: api, image: 'api:2'}]}"),
                Arguments.of("an appended container appears whole, after the unchanged ones named by key"
                                + " (kustomize puts a patch's items first)",
                        "{containers: [{name: api, image: api:1}]}",
                        "{containers: [{name: api, image: api:1}, {name: proxy, image: p:1, args: [-v]}]}",
                        "{containers: [{name: api}, {name: proxy, image: 'p:1', args: ['-v']}]}"),
                Arguments.of("an item added first needs no other item named",
                        "{containers: [{name: api, image: api:1}]}",
                        "{containers: [{name: proxy, image: p:1}, {name: api, image: api:1}]}",
                        "{containers: [{name: proxy, image: 'p:1'}]}"),
                Arguments.of("a removed container becomes a delete directive",
                        "{containers: [{name: api, image: api:1}, {name: x, image: x:1}]}",
                        "{containers: [{name: api, image: api:1}]}",
                        "{containers: [{name: x, $patch: delete}]}"),
                Arguments.of("init containers merge by name",
                        "{initContainers: [{name: wait, image: busybox:1}]}",
                        "{initContainers: [{name: wait, image: busybox:2}]}",
                        "{initContainers: [{name: wait, image: 'busybox:2'}]}"),
                Arguments.of("env merges by name: changed, added and removed variables",
                        "{containers: [{name: api, env: [{name: A, value: '1'}, {name: B, value: '2'},"
                                + " {name: GONE, value: '0'}]}]}",
                        "{containers: [{name: api, env: [{name: A, value: '1'}, {name: B, value: '3'},"
                                + " {name: C, value: '4'}]}]}",
                        "{containers: [{name: api, env: [{name: A}, {name: B, value: '3'}, {name: C, value: '4'},"
                                + " {name: GONE, $patch: delete}]}]}"),
                Arguments.of("volumeMounts merge by mountPath",
                        "{containers: [{name: api, volumeMounts: [{name: tmp, mountPath: /tmp},"
                                + " {name: data, mountPath: /data}]}]}",
                        "{containers: [{name: api, volumeMounts: [{name: tmp, mountPath: /tmp},"
                                + " {name: data, mountPath: /data, readOnly: true}]}]}",
                        "{containers: [{name: api, volumeMounts: [{mountPath: /tmp}, {mountPath: /data,"
                                + " readOnly: true}]}]}"),
                Arguments.of("volumes merge by name",
                        "{volumes: [{name: tmp, emptyDir: {}}]}",
                        "{volumes: [{name: tmp, emptyDir: {sizeLimit: 1Gi}}]}",
                        "{volumes: [{name: tmp, emptyDir: {sizeLimit: 1Gi}}]}"),
                Arguments.of("container ports merge by containerPort",
                        "{containers: [{name: api, ports: [{containerPort: 8000, name: http},"
                                + " {containerPort: 9090, name: metrics}]}]}",
                        "{containers: [{name: api, ports: [{containerPort: 8000, name: web},"
                                + " {containerPort: 9090, name: metrics}]}]}",
                        "{containers: [{name: api, ports: [{containerPort: 8000, name: web}]}]}"),
                Arguments.of("Service ports merge by port",
                        "{spec: {ports: [{port: 80, targetPort: http}, {port: 443, targetPort: https}]}}",
                        "{spec: {ports: [{port: 80, targetPort: web}, {port: 443, targetPort: https}]}}",
                        "{spec: {ports: [{port: 80, targetPort: web}]}}"),
                Arguments.of("imagePullSecrets merge by name",
                        "{imagePullSecrets: [{name: regcred}]}",
                        "{imagePullSecrets: [{name: regcred}, {name: mirror}]}",
                        "{imagePullSecrets: [{name: regcred}, {name: mirror}]}"),
                Arguments.of("a command without merge key is replaced whole",
                        "{containers: [{name: api, command: [gunicorn, -w, '2', app]}]}",
                        "{containers: [{name: api, command: [gunicorn, -w, '4', app]}]}",
                        "{containers: [{name: api, command: [gunicorn, -w, '4', app]}]}"),
                Arguments.of("tolerations are replaced whole",
                        "{tolerations: [{key: a, operator: Exists}, {key: b, operator: Exists}]}",
                        "{tolerations: [{key: a, operator: Exists}, {key: b, operator: Equal, value: v}]}",
                        "{tolerations: [{key: a, operator: Exists}, {key: b, operator: Equal, value: v}]}"),
                Arguments.of("ingress rules are replaced whole",
                        "{spec: {rules: [{host: a.example.com}, {host: b.example.com}]}}",
                        "{spec: {rules: [{host: a.example.com}]}}",
                        "{spec: {rules: [{host: a.example.com}]}}"),
                Arguments.of("lists without merge key are absent from the patch when equal",
                        "{spec: {rules: [{host: a.example.com}], tolerations: [{key: a}], command: [x], replicas: 1}}",
                        "{spec: {rules: [{host: a.example.com}], tolerations: [{key: a}], command: [x], replicas: 2}}",
                        "{spec: {replicas: 2}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffGivesTheSmallestPatch(String description, String base, String target, String expected) {
        ObjectNode patch = StrategicMergeDiff.diff(yaml(base), yaml(target));

        assertThatJson(patch).isEqualTo(yaml(expected));
    }

    @Test
    void kustomizeAppliesThePatchToGiveTheTarget(@TempDir Path dir) throws IOException {
        String base = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: api
                          image: api:1
                          env:
                            - {name: LOG_LEVEL, value: info}
                            - {name: DEBUG, value: "true"}
                            - {name: WORKERS, value: "2"}
                          resources:
                            requests: {cpu: 100m, memory: 128Mi}
                            limits: {cpu: 500m, memory: 256Mi}
                          volumeMounts:
                            - {name: tmp, mountPath: /tmp}
                        - name: sidecar
                          image: sidecar:1
                      volumes:
                        - name: tmp
                          emptyDir: {}
                """;
        // new items are appended and also put first, so the patch must keep both orders right
        String target = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: api
                          image: api:1
                          env:
                            - {name: LOG_LEVEL, value: info}
                            - {name: WORKERS, value: "2"}
                          resources:
                            requests: {cpu: 250m, memory: 512Mi}
                            limits: {memory: 1Gi}
                          volumeMounts:
                            - {name: tmp, mountPath: /tmp}
                            - {name: cache, mountPath: /cache}
                        - name: sidecar
                          image: sidecar:1
                      volumes:
                        - name: cache
                          emptyDir: {sizeLimit: 1Gi}
                        - name: tmp
                          emptyDir: {}
                """;

        ObjectNode patch = StrategicMergeDiff.diff(yaml(base), yaml(target));
        patch.put("apiVersion", "apps/v1").put("kind", "Deployment");
        patch.withObject("/metadata").put("name", "api");
        Files.writeString(dir.resolve("base.yaml"), base);
        Files.write(dir.resolve("patch.yaml"), YamlRenderer.instance().render("", patch));
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [base.yaml]
                patches:
                  - path: patch.yaml
                """);

        Map<String, JsonNode> built = RenderedObjects.parse(Kustomize.locate(null).build(dir));

        assertThat(built).containsOnlyKeys("Deployment/api");
        assertThatJson(built.get("Deployment/api")).isEqualTo(yaml(target));
        assertThatJson(StrategicMergeDiff.apply(yaml(base), patch)).isEqualTo(yaml(target));
    }

    private static JsonNode yaml(String text) {
        try {
            return YamlRenderer.instance().mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
