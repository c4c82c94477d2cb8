package dev.codestory.gitops.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * A custom resource's hand-written schema ({@code crds/<group>_<kind>.yaml} beside this class): the fields this
 * tool emits, in the subset of OpenAPI that CRDs use ({@code type}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code required}, {@code enum}, {@code pattern},
 * {@code maxLength}). Only {@code spec} is described; {@code metadata} is Kubernetes' own.
 */
final class CrdSchema {

    private static final Map<String, Optional<CrdSchema>> LOADED = new ConcurrentHashMap<>();

    private final String source;
    private final String apiVersion;
    private final String kind;
    private final JsonNode spec;

    private CrdSchema(String source, String apiVersion, String kind, JsonNode spec) {
        this.source = source;
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.spec = spec;
    }

    /** The schema for a kind of an API group, if this tool has one. */
    static Optional<CrdSchema> forKind(String group, String kind) {
        String file = "crds/" + group + "_" + kind.toLowerCase(Locale.ROOT) + ".yaml";
        return LOADED.computeIfAbsent(file, CrdSchema::load);
    }

    private static Optional<CrdSchema> load(String file) {
        try (InputStream in = CrdSchema.class.getResourceAsStream(file)) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode schema = YamlRenderer.instance().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .get(0);
            return Optional.of(new CrdSchema(schema.path("source").asText(), schema.path("apiVersion").asText(),
                    schema.path("kind").asText(), schema.path("spec")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String apiVersion() {
        return apiVersion;
    }

    String source() {
        return source;
    }

    /** Problems of the object's {@code spec} and of any top-level field a custom resource does not have. */
    List<ModelSchema.Problem> check(JsonNode object) {
        List<ModelSchema.Problem> problems = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("apiVersion", "kind", "metadata", "spec").contains(name)) {
                problems.add(new ModelSchema.Problem(List.of(name), "unknown field: not in the " + kind + " schema"));
            }
        }
        if (object.has("spec")) {
            check(object.get("spec"), spec, new ArrayList<>(List.of("spec")), problems);
        } else {
            problems.add(new ModelSchema.Problem(List.of("spec"), "required field missing"));
        }
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, List<Object> at, List<ModelSchema.Problem> problems) {
        String type = schema.path("type").asText();
        if (!hasType(value, type)) {
            problems.add(new ModelSchema.Problem(List.copyOf(at), "wrong type: " + ModelSchema.kind(value)
                    + " where the schema has " + article(type)));
            return;
        }
        switch (type) {
            case "object" -> object(value, schema, at, problems);
            case "array" -> {
                for (int i = 0; i < value.size(); i++) {
                    at.add(i);
                    check(value.get(i), schema.path("items"), at, problems);
                    at.remove(at.size() - 1);
                }
            }
            case "string" -> string(value.asText(), schema, at, problems);
            default -> {
            }
        }
    }

    private void object(JsonNode value, JsonNode schema, List<Object> at, List<ModelSchema.Problem> problems) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                List<Object> missing = new ArrayList<>(at);
                missing.add(required.asText());
                problems.add(new ModelSchema.Problem(missing, "required field missing"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode fieldSchema = schema.path("properties").get(field.getKey());
            if (fieldSchema == null) {
                fieldSchema = schema.get("additionalProperties");
            }
            at.add(field.getKey());
            if (fieldSchema == null || !fieldSchema.isObject()) {
                problems.add(new ModelSchema.Problem(List.copyOf(at), "unknown field: not in the " + kind + " schema"));
            } else {
                check(field.getValue(), fieldSchema, at, problems);
            }
            at.remove(at.size() - 1);
        }
    }

    private void string(String text, JsonNode schema, List<Object> at, List<ModelSchema.Problem> problems) {
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(text)) {
                problems.add(new ModelSchema.Problem(List.copyOf(at), "'" + text + "' is not one of " + allowed));
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(new ModelSchema.Problem(List.copyOf(at), "'" + text + "' does not match "
                    + schema.get("pattern").asText()));
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(new ModelSchema.Problem(List.copyOf(at), "longer than " + schema.get("maxLength").asInt()
                    + " characters"));
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalStateException("schema type '" + type + "' is not supported");
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "object" -> "an object";
            case "array" -> "a list";
            default -> "a " + type;
        };
    }
}
