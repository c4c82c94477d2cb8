package dev.codestory.gitops.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Built-in kinds checked against the fabric8 model of their API version: an object must read into its class with
 * no unknown field and every scalar of the right type. fabric8 classes keep unknown fields in
 * {@code additionalProperties} instead of failing, so this mapper switches that catch-all off; with
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} every unknown field then reaches a handler that notes it and reads on, and
 * scalar coercions (a number where a string belongs, "2" where an integer belongs) fail instead of passing
 * silently. Nothing is dropped or coerced, so what was read is what was written and no write-back is compared.
 */
final class ModelSchema {

    /** A problem at a field, as segments from the object's root. */
    record Problem(List<Object> segments, String problem) {
    }

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("apps/v1 StatefulSet", StatefulSet.class),
            Map.entry("batch/v1 Job", Job.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("v1 ServiceAccount", ServiceAccount.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("networking.k8s.io/v1 Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class));

    /** Enough for any object a person wrote; each round removes one badly typed value and reads again. */
    private static final int MAX_ROUNDS = 50;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .annotationIntrospector(new WithoutCatchAll())
            .build();

    private static final Map<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

    private ModelSchema() {
    }

    static Optional<Class<?>> model(String apiVersion, String kind) {
        return Optional.ofNullable(MODELS.get(apiVersion + " " + kind));
    }

    /** The problems of {@code object} read as {@code type}. */
    static List<Problem> check(JsonNode object, Class<?> type) {
        List<Problem> problems = new ArrayList<>();
        Set<List<Object>> reported = new LinkedHashSet<>();
        JsonNode readable = object;
        UnknownFields unknown = new UnknownFields();
        ObjectReader reader = reader(type).withHandler(unknown);
        Object typed = null;
        for (int round = 0; round < MAX_ROUNDS && typed == null; round++) {
            unknown.found.clear();
            try {
                typed = reader.readValue(readable);
            } catch (JsonMappingException e) {
                List<Object> at = segments(e);
                if (at.isEmpty() || !reported.add(at)) {
                    problems.add(new Problem(at, "cannot be read as " + type.getSimpleName() + ": "
                            + e.getOriginalMessage()));
                    return problems;
                }
                problems.add(new Problem(at, wrongType(e, object, at)));
                if (readable == object) {
                    readable = object.deepCopy();
                }
                remove(readable, at);
            } catch (IOException e) {
                problems.add(new Problem(List.of(), "cannot be read as " + type.getSimpleName() + ": "
                        + e.getMessage()));
                return problems;
            }
        }
        if (typed == null) {
            return problems;
        }
        for (List<Object> at : unknown.found) {
            problems.add(new Problem(at, "unknown field: not in the " + type.getSimpleName() + " schema"));
        }
        return problems;
    }

    /**
     * Builds the readers of every model up front. Building them (loading about 200 model classes and
     * introspecting them) costs more than reading every object of an environment, so callers start it while
     * kustomize runs.
     */
    static void warmUp() {
        MODELS.values().forEach(ModelSchema::reader);
        reader(ObjectMeta.class);
    }

    private static ObjectReader reader(Class<?> type) {
        return READERS.computeIfAbsent(type, MAPPER::readerFor);
    }

    private static String wrongType(JsonMappingException e, JsonNode object, List<Object> at) {
        JsonNode value = object;
        for (Object segment : at) {
            value = value == null ? null : segment instanceof Integer i ? value.get(i) : value.get((String) segment);
        }
        String expected = e instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null ? expectedKind(mismatch.getTargetType()) : null;
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Numeric value")) {
            return "out of range: " + TreeDiff.describe(value) + " does not fit";
        }
        return "wrong type: " + (value == null ? "the value" : kind(value)) + " where the schema has "
                + (expected == null ? "something else" : expected);
    }

    private static String expectedKind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a map";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static List<Object> segments(JsonMappingException e) {
        List<Object> segments = new ArrayList<>();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                segments.add(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                segments.add(reference.getIndex());
            }
        }
        return segments;
    }

    /** Takes a badly typed value out so the next round reads past it (a list item becomes null, keeping indexes). */
    private static void remove(JsonNode root, List<Object> at) {
        JsonNode parent = root;
        for (Object segment : at.subList(0, at.size() - 1)) {
            parent = segment instanceof Integer i ? parent.path(i) : parent.path((String) segment);
        }
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String key) {
            object.remove(key);
        } else if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.set(index, NullNode.getInstance());
        }
    }

    /** Notes each unknown field with its path and skips it. */
    private static final class UnknownFields extends DeserializationProblemHandler {
        private final List<List<Object>> found = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object bean, String name)
                throws IOException {
            JsonStreamContext at = parser.getParsingContext();
            if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
                at = at.getParent();
            }
            List<Object> segments = new ArrayList<>();
            for (JsonStreamContext level = at; level != null && !level.inRoot(); level = level.getParent()) {
                if (level.inObject()) {
                    segments.add(0, level.getCurrentName());
                } else if (level.inArray()) {
                    segments.add(0, level.getCurrentIndex());
                }
            }
            found.add(segments);
            parser.skipChildren();
            return true;
        }
    }

    /** fabric8's any-setter and any-getter (the {@code additionalProperties} catch-all) switched off. */
    private static final class WithoutCatchAll extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }

        @Override
        public Boolean hasAnyGetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }
}
