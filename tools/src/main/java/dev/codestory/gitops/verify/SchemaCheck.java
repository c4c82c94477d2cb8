package dev.codestory.gitops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import dev.codestory.gitops.yaml.FieldPath;

/**
 * The {@code schema} check: every built object matches the schema of its kind and API version. Built-in kinds
 * are read into their fabric8 model ({@link ModelSchema}); the custom resources this tool emits are checked
 * against hand-written schemas ({@link CrdSchema}); anything else has no schema, which is a finding too.
 */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    public static List<Finding> check(String environment, Map<String, JsonNode> objects) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode object : objects.values()) {
            String resource = FieldPath.resource(object);
            for (ModelSchema.Problem problem : problems(object)) {
                findings.add(new Finding(environment, resource, FieldPath.of(object, problem.segments()),
                        problem.problem(), CheckId.SCHEMA));
            }
        }
        return findings;
    }

    static List<ModelSchema.Problem> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        Optional<Class<?>> model = ModelSchema.model(apiVersion, kind);
        if (model.isPresent()) {
            return ModelSchema.check(object, model.get());
        }
        int slash = apiVersion.indexOf('/');
        Optional<CrdSchema> crd = slash < 0 ? Optional.empty()
                : CrdSchema.forKind(apiVersion.substring(0, slash), kind);
        if (crd.isEmpty()) {
            return List.of(new ModelSchema.Problem(List.of(), "no schema for " + kind + " " + apiVersion
                    + " (verify knows the built-in kinds this tool emits and its custom resources)"));
        }
        if (!crd.get().apiVersion().equals(apiVersion)) {
            return List.of(new ModelSchema.Problem(List.of(), "no schema for " + kind + " " + apiVersion
                    + " (the schema is for " + crd.get().apiVersion() + ")"));
        }
        List<ModelSchema.Problem> problems = new ArrayList<>();
        if (object.has("metadata")) {
            for (ModelSchema.Problem problem : ModelSchema.check(object.get("metadata"), ObjectMeta.class)) {
                List<Object> at = new ArrayList<>(List.of("metadata"));
                at.addAll(problem.segments());
                problems.add(new ModelSchema.Problem(at, problem.problem()));
            }
        }
        problems.addAll(crd.get().check(object));
        return problems;
    }
}
