package dev.codestory.gitops.verify;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import dev.codestory.gitops.yaml.ModelFields;

import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import dev.codestory.gitops.yaml.FieldChange;

/**
 * Built-in kinds checked against the fabric8 model of their API version: every field of an object must be a
 * property of its class (a field marked {@code @JsonProperty}; fabric8's {@code additionalProperties}
 * catch-all does not count) and every value must have the property's type, with no coercion: a number where a
 * string belongs, "2" where an integer belongs or 2.5 where an integer belongs are all wrong. Quantities take a
 * string or a number, int-or-string fields an integer or a string.
 *
 * <p>The object is walked against the classes' fields rather than read with Jackson: a Jackson reader builds
 * deserializers for every class reachable from a kind (hundreds, most never used), which cost more on a fresh
 * JVM than all the other checks of a run together.
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

    private ModelSchema() {
    }

    static Optional<Class<?>> model(String apiVersion, String kind) {
        return Optional.ofNullable(MODELS.get(apiVersion + " " + kind));
    }

    /**
     * The problems of {@code object} read as {@code type}: values of the wrong type in the order they appear,
     * then unknown fields in the order they appear. Nothing under a wrong value or an unknown field is looked at.
     */
    static List<Problem> check(JsonNode object, Class<?> type) {
        if (object == null || !object.isObject()) {
            return List.of(new Problem(List.of(), "cannot be read as " + type.getSimpleName() + ": "
                    + (object == null ? "nothing" : kind(object)) + " where the schema has an object"));
        }
        Walk walk = new Walk(type.getSimpleName());
        walk.value(object, type, new ArrayList<>());
        List<Problem> problems = new ArrayList<>(walk.wrong);
        problems.addAll(walk.unknown);
        return problems;
    }

    /** One object's walk: what it found so far. */
    private static final class Walk {
        private final String schema;
        private final List<Problem> wrong = new ArrayList<>();
        private final List<Problem> unknown = new ArrayList<>();

        Walk(String schema) {
            this.schema = schema;
        }

        void value(JsonNode node, Type type, List<Object> at) {
            Class<?> raw = raw(type);
            if (node.isNull()) {
                if (raw.isPrimitive()) {
                    wrong(node, raw, at);
                }
                return;
            }
            if (raw == String.class) {
                expect(node.isTextual(), node, raw, at);
            } else if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
                integral(node, raw, at, node.canConvertToInt());
            } else if (raw == Long.class || raw == long.class || raw == BigInteger.class) {
                integral(node, raw, at, raw == BigInteger.class || node.canConvertToLong());
            } else if (raw == Boolean.class || raw == boolean.class) {
                expect(node.isBoolean(), node, raw, at);
            } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class
                    || raw == BigDecimal.class) {
                expect(node.isNumber(), node, raw, at);
            } else if (raw == IntOrString.class) {
                expect(node.isTextual() || node.isIntegralNumber() && node.canConvertToInt(), node, raw, at);
            } else if (raw == Quantity.class) {
                expect(node.isTextual() || node.isNumber(), node, raw, at);
            } else if (Collection.class.isAssignableFrom(raw)) {
                if (expect(node.isArray(), node, raw, at)) {
                    Type item = argument(type, 0);
                    for (int i = 0; i < node.size(); i++) {
                        value(node.get(i), item, append(at, i));
                    }
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                if (expect(node.isObject(), node, raw, at)) {
                    Type item = argument(type, 1);
                    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        value(field.getValue(), item, append(at, field.getKey()));
                    }
                }
            } else if (free(raw)) {
                return;
            } else if (expect(node.isObject(), node, raw, at)) {
                Map<String, Field> properties = ModelFields.of(raw);
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Field property = properties.get(field.getKey());
                    if (property == null) {
                        unknown.add(new Problem(append(at, field.getKey()), "unknown field: not in the " + schema
                                + " schema"));
                    } else {
                        value(field.getValue(), property.getGenericType(), append(at, field.getKey()));
                    }
                }
            }
        }

        private void integral(JsonNode node, Class<?> raw, List<Object> at, boolean fits) {
            if (expect(node.isIntegralNumber(), node, raw, at) && !fits) {
                wrong.add(new Problem(List.copyOf(at), "out of range: " + FieldChange.value(node) + " does not fit"));
            }
        }

        private boolean expect(boolean right, JsonNode node, Class<?> raw, List<Object> at) {
            if (!right) {
                wrong(node, raw, at);
            }
            return right;
        }

        private void wrong(JsonNode node, Class<?> raw, List<Object> at) {
            wrong.add(new Problem(List.copyOf(at), "wrong type: " + kind(node) + " where the schema has "
                    + expectedKind(raw)));
        }
    }

    /** Types whose values the model takes in any shape: Object, trees, fabric8's AnyType, interfaces. */
    private static boolean free(Class<?> raw) {
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || AnyType.class.isAssignableFrom(raw)
                || raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return true;
        }
        JsonDeserialize custom = raw.getAnnotation(JsonDeserialize.class);
        return custom != null && custom.using() != JsonDeserializer.None.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return raw(parameterized.getRawType());
        }
        if (type instanceof WildcardType wildcard) {
            return raw(wildcard.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length > index
                ? parameterized.getActualTypeArguments()[index] : Object.class;
    }

    private static List<Object> append(List<Object> at, Object segment) {
        List<Object> longer = new ArrayList<>(at.size() + 1);
        longer.addAll(at);
        longer.add(segment);
        return longer;
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
        if (type == IntOrString.class) {
            return "an integer or a string";
        }
        if (type == Quantity.class) {
            return "a quantity (a string or a number)";
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
}
