package dev.codestory.gitops.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import dev.codestory.gitops.yaml.RenderedObjects;

/** The schema check on single objects: built-in kinds through fabric8, our custom resources, unknown kinds. */
class SchemaCheckTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              strategy:
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 0
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: web:1.0.0
                      ports:
                        - containerPort: 8080
                          name: http
                      resources:
                        limits:
                          cpu: 1
                          memory: 128Mi
            """;

    @Test
    void aValidDeploymentHasNoFindings() {
        assertThat(check(DEPLOYMENT)).isEmpty();
    }

    @Test
    void unknownFieldsAreFoundWhereverTheyAre() {
        assertThat(check(DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 2\n  replica: 3\n")
                .replace("          image: web:1.0.0\n",
                        "          image: web:1.0.0\n          imagePolicy: {pin: true}\n")))
                .containsExactly(
                        "Deployment/web spec.replica: unknown field: not in the Deployment schema",
                        "Deployment/web spec.template.spec.containers[web].imagePolicy: unknown field: not in the"
                                + " Deployment schema");
    }

    @Test
    void scalarsOfTheWrongTypeAreFoundOneByOne() {
        assertThat(check(DEPLOYMENT.replace("replicas: 2", "replicas: \"2\"")
                .replace("containerPort: 8080", "containerPort: 80.5")
                .replace("    app: web\nspec:", "    app: true\nspec:")))
                .containsExactly(
                        "Deployment/web metadata.labels.app: wrong type: a boolean where the schema has a string",
                        "Deployment/web spec.replicas: wrong type: a string where the schema has an integer",
                        "Deployment/web spec.template.spec.containers[web].ports[http].containerPort: wrong type: a"
                                + " number where the schema has an integer");
    }

    @Test
    void intOrStringQuantitiesAndRangesHaveTheirOwnRules() {
        assertThat(check(DEPLOYMENT.replace("maxSurge: 25%", "maxSurge: true")
                .replace("maxUnavailable: 0", "maxUnavailable: 1.5")
                .replace("cpu: 1", "cpu: [1]")
                .replace("containerPort: 8080", "containerPort: 4294967296")))
                .containsExactly(
                        "Deployment/web spec.strategy.rollingUpdate.maxSurge: wrong type: a boolean where the schema"
                                + " has an integer or a string",
                        "Deployment/web spec.strategy.rollingUpdate.maxUnavailable: wrong type: a number where the"
                                + " schema has an integer or a string",
                        "Deployment/web spec.template.spec.containers[web].ports[http].containerPort: out of range:"
                                + " 4294967296 does not fit",
                        "Deployment/web spec.template.spec.containers[web].resources.limits.cpu: wrong type: a list"
                                + " where the schema has a quantity (a string or a number)");
        assertThat(check(DEPLOYMENT.replace("cpu: 1", "cpu: \"500m\"").replace("maxUnavailable: 0",
                "maxUnavailable: \"10%\""))).isEmpty();
    }

    @Test
    void aListWhereAnObjectBelongsIsAWrongType() {
        assertThat(check(DEPLOYMENT.replace("  strategy:\n    rollingUpdate:", "  strategy:\n    - rollingUpdate:")
                .replace("      maxSurge: 25%\n      maxUnavailable: 0\n", "")))
                .containsExactly("Deployment/web spec.strategy: wrong type: a list where the schema has an object"
                        + " (DeploymentStrategy)");
    }

    @Test
    void customResourcesFollowTheirHandWrittenSchema() {
        String scaledObject = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: worker
                spec:
                  scaleTargetRef:
                    name: worker
                  minReplicaCount: 1
                  triggers:
                    - type: redis
                      metadata:
                        listName: celery
                """;
        assertThat(check(scaledObject)).isEmpty();
        assertThat(check(scaledObject.replace("minReplicaCount: 1", "minReplicaCount: \"1\"\n  idleReplicaCount: 0")
                .replace("listName: celery", "listLength: 5")
                .replace("  name: worker\nspec:", "  name: worker\n  labelz: {}\nspec:")))
                .containsExactly(
                        "ScaledObject/worker metadata.labelz: unknown field: not in the ObjectMeta schema",
                        "ScaledObject/worker spec.minReplicaCount: wrong type: a string where the schema has an"
                                + " integer",
                        "ScaledObject/worker spec.idleReplicaCount: unknown field: not in the ScaledObject schema",
                        "ScaledObject/worker spec.triggers[0].metadata.listLength: wrong type: an integer where the"
                                + " schema has a string");
    }

    @Test
    void enumsPatternsAndRequiredFieldsOfCustomResources() {
        String externalSecret = """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: app
                spec:
                  secretStoreRef:
                    kind: VaultStore
                    name: Code_Story
                  data:
                    - secretKey: jwt-secret
                """;
        assertThat(check(externalSecret)).containsExactly(
                "ExternalSecret/app spec.secretStoreRef.kind: 'VaultStore' is not one of [SecretStore,"
                        + " ClusterSecretStore]",
                "ExternalSecret/app spec.secretStoreRef.name: 'Code_Story' does not match"
                        + " ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                "ExternalSecret/app spec.data[0].remoteRef: required field missing");
    }

    @Test
    void kindsWithoutASchemaAreFindings() {
        assertThat(check("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n")).containsExactly(
                "Secret/s: no schema for Secret v1 (verify knows the built-in kinds this tool emits and its custom"
                        + " resources)");
        assertThat(check("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n")).singleElement()
                .asString().startsWith("Deployment/d: no schema for Deployment apps/v1beta1");
        assertThat(check("apiVersion: keda.sh/v1alpha2\nkind: ScaledObject\nmetadata:\n  name: s\n"))
                .containsExactly("ScaledObject/s: no schema for ScaledObject keda.sh/v1alpha2 (the schema is for"
                        + " keda.sh/v1alpha1)");
    }

    @Test
    void everyCustomResourceSchemaSaysWhichUpstreamVersionItWasWrittenFrom() {
        for (String[] groupKind : List.of(new String[] {"keda.sh", "ScaledObject"},
                new String[] {"monitoring.coreos.com", "ServiceMonitor"},
                new String[] {"external-secrets.io", "ExternalSecret"})) {
            CrdSchema schema = CrdSchema.forKind(groupKind[0], groupKind[1]).orElseThrow();
            assertThat(schema.source()).as(groupKind[1]).contains(groupKind[1] + " CRD").containsPattern("v[0-9]");
            assertThat(schema.apiVersion()).startsWith(groupKind[0] + "/");
        }
    }

    static List<String> check(String yaml) {
        try {
            JsonNode object = YamlRenderer.instance().mapper().readTree(yaml);
            Map<String, JsonNode> objects = new LinkedHashMap<>();
            objects.put(RenderedObjects.key(object), object);
            return SchemaCheck.check("test", objects).stream()
                    .map(f -> f.resource() + (f.field().isEmpty() ? "" : " " + f.field()) + ": " + f.problem())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
