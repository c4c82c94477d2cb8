package dev.codestory.gitops.review;

import dev.codestory.gitops.yaml.FieldDiff;
import dev.codestory.gitops.yaml.FieldChange;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/** Field paths and recreate flags computed from two resource trees, without kustomize. */
class RecreateRulesTest {

    @Test
    void namedListItemsAndQuotedKeysMakeReadablePaths() {
        JsonNode before = yaml("""
                kind: Deployment
                metadata: {labels: {app.kubernetes.io/version: 1.0.0}}
                spec:
                  replicas: 2
                  template: {spec: {containers: [{name: api, image: api:1}, {name: sidecar, image: s:1}]}}
                """);
        JsonNode after = yaml("""
                kind: Deployment
                metadata: {labels: {app.kubernetes.io/version: 1.1.0}}
                spec:
                  template: {spec: {containers: [{name: sidecar, image: s:1}, {name: api, image: api:2}], nodeSelector: {a: b}}}
                """);
        List<String> changes = FieldDiff.between(before, after).stream().map(FieldChange::describe).toList();
        assertThat(changes).containsExactly(
                "metadata.labels[\"app.kubernetes.io/version\"]: 1.0.0 → 1.1.0",
                "spec.replicas: 2 → (none)",
                "spec.template.spec.containers[api].image: api:1 → api:2",
                "spec.template.spec.nodeSelector (added)");
        assertThat(RecreateRules.flags("Deployment", FieldDiff.between(before, after))).isEmpty();
    }

    @Test
    void immutableFieldsAreFlagged() {
        assertThat(reasons("StatefulSet", "spec: {serviceName: a, volumeClaimTemplates: [{metadata: {name: data}}]}",
                "spec: {serviceName: b, volumeClaimTemplates: [{metadata: {name: data}, spec: {x: 1}}]}"))
                .containsExactly("RECREATE: spec.serviceName is immutable: the StatefulSet is deleted and recreated",
                        "RECREATE: spec.volumeClaimTemplates is immutable: the StatefulSet is deleted and recreated");
        assertThat(reasons("DaemonSet", "spec: {selector: {matchLabels: {a: b}}}",
                "spec: {selector: {matchLabels: {a: c}}}")).containsExactly(
                "RECREATE: spec.selector is immutable: the DaemonSet is deleted and recreated");
        assertThat(reasons("Job", "spec: {backoffLimit: 1, template: {spec: {containers: [{name: m, image: a}]}}}",
                "spec: {backoffLimit: 1, template: {spec: {containers: [{name: m, image: b}]}}}"))
                .containsExactly("RECREATE: spec.template is immutable: the Job is deleted and recreated");
        assertThat(reasons("Service", "spec: {type: ClusterIP}", "spec: {type: ExternalName}"))
                .containsExactly("RECREATE: spec.type changes to ExternalName: the Service is deleted and recreated");
        assertThat(reasons("Service", "spec: {type: ClusterIP}", "spec: {type: NodePort}")).isEmpty();
        assertThat(reasons("Service", "spec: {clusterIP: 10.0.0.1}", "spec: {clusterIP: 10.0.0.2}"))
                .containsExactly("RECREATE: spec.clusterIP is immutable: the Service is deleted and recreated");
        assertThat(reasons("PersistentVolumeClaim", "spec: {storageClassName: gp2}", "spec: {storageClassName: gp3}"))
                .containsExactly("RECREATE: spec.storageClassName is immutable: the PersistentVolumeClaim is deleted"
                        + " and recreated (a new, empty volume)");
        assertThat(reasons("Deployment", "spec: {replicas: 1}", "spec: {replicas: 2}")).isEmpty();
    }

    private static List<String> reasons(String kind, String before, String after) {
        return RecreateRules.flags(kind, FieldDiff.between(yaml(before), yaml(after))).stream()
                .map(Flag::toString).toList();
    }

    private static JsonNode yaml(String text) {
        try {
            return YamlRenderer.instance().mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
