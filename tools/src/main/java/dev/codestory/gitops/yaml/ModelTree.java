package dev.codestory.gitops.yaml;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Turns a model object (a fabric8 object, a record of this tool, maps, lists, scalars) into a tree, as Jackson
 * serializes it with the renderer's settings, reading only the annotations the model carries: its properties
 * are the fields (or record components) marked {@code @JsonProperty}, in {@code @JsonPropertyOrder} order, kept
 * by {@code @JsonInclude} (non-null unless the property or class says otherwise), then the entries of its
 * {@code @JsonAnyGetter} map; map entries are sorted by key; a Quantity and an IntOrString are their scalar.
 *
 * <p>Why not {@code ObjectMapper.valueToTree}: on a fresh JVM, Jackson's introspection of the hundred model
 * classes a regen touches cost more than the rest of regen's own work. A test holds this class equal to Jackson
 * on every object the tool generates; anything it does not know how to read fails loudly instead of guessing.
 */
final class ModelTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private ModelTree() {
    }

    static JsonNode of(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Number number) {
            return number(number);
        }
        if (value instanceof Quantity quantity) {
            return NODES.textNode((quantity.getAmount() == null ? "" : quantity.getAmount())
                    + (quantity.getFormat() == null ? "" : quantity.getFormat()));
        }
        if (value instanceof AnyType any) {
            return of(any.getValue());
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            sorted(map).forEach((key, entry) -> object.set(key, of(entry)));
            return object;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(of(item)));
            return array;
        }
        return SHAPES.get(value.getClass()).tree(value);
    }

    /** Number nodes of the types Jackson's own tree would hold (a short is an int there). */
    private static JsonNode number(Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return NODES.numberNode(number.intValue());
        }
        if (number instanceof Long) {
            return NODES.numberNode(number.longValue());
        }
        if (number instanceof Float) {
            return NODES.numberNode(number.floatValue());
        }
        if (number instanceof Double) {
            return NODES.numberNode(number.doubleValue());
        }
        if (number instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (number instanceof BigDecimal big) {
            return NODES.numberNode(big);
        }
        throw new IllegalArgumentException("cannot render a " + number.getClass().getName());
    }

    private static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("cannot render a map key of type "
                        + (key == null ? "null" : key.getClass().getName()));
            }
            sorted.put(name, value);
        });
        return sorted;
    }

    /** When a property's value is left out of the tree. */
    private enum Inclusion {
        ALWAYS, NON_NULL, NON_EMPTY;

        static Inclusion of(JsonInclude annotation, Inclusion fallback, AnnotatedThing where) {
            if (annotation == null) {
                return fallback;
            }
            if (annotation.content() != JsonInclude.Include.USE_DEFAULTS
                    && annotation.content() != JsonInclude.Include.ALWAYS) {
                throw where.unsupported("@JsonInclude(content = " + annotation.content() + ")");
            }
            return switch (annotation.value()) {
                case USE_DEFAULTS -> fallback;
                case ALWAYS -> ALWAYS;
                case NON_NULL, NON_ABSENT -> NON_NULL;
                case NON_EMPTY -> NON_EMPTY;
                default -> throw where.unsupported("@JsonInclude(" + annotation.value() + ")");
            };
        }

        boolean keeps(Object value) {
            return switch (this) {
                case ALWAYS -> true;
                case NON_NULL -> value != null;
                case NON_EMPTY -> value != null
                        && !(value instanceof String text && text.isEmpty())
                        && !(value instanceof Collection<?> items && items.isEmpty())
                        && !(value instanceof Map<?, ?> map && map.isEmpty());
            };
        }
    }

    /** Names the member an unsupported annotation sits on, for the error. */
    private record AnnotatedThing(String name) {
        IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException("cannot render " + name + ": " + what + " is not supported");
        }
    }

    private record Property(String name, AccessibleObject accessor, Inclusion inclusion) {

        Object read(Object owner) {
            try {
                return accessor instanceof Field field ? field.get(owner) : ((Method) accessor).invoke(owner);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("reading " + name, e.getCause());
            }
        }
    }

    /** How one class becomes an object node: its properties in order, and its any-getter. */
    private record Shape(List<Property> properties, Property anyGetter) {

        static Shape of(Class<?> type) {
            AnnotatedThing where = new AnnotatedThing(type.getName());
            if (type.isEnum() || type.isArray() || type.isPrimitive() || type.isInterface()) {
                throw where.unsupported("a " + (type.isEnum() ? "enum" : type.isArray() ? "array" : "type like this"));
            }
            if (type.getAnnotation(com.fasterxml.jackson.databind.annotation.JsonSerialize.class) != null) {
                throw where.unsupported("a custom serializer");
            }
            Inclusion classInclusion = Inclusion.of(type.getAnnotation(JsonInclude.class), Inclusion.NON_NULL, where);
            Map<String, Property> found = new LinkedHashMap<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Field field = field(type, component.getName());
                    JsonProperty renamed = field.getAnnotation(JsonProperty.class);
                    String name = renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    found.put(name, new Property(name, accessor,
                            Inclusion.of(field.getAnnotation(JsonInclude.class), classInclusion, where)));
                }
            } else {
                ModelFields.of(type).forEach((name, field) -> found.put(name, new Property(name, field,
                        Inclusion.of(field.getAnnotation(JsonInclude.class), classInclusion, where))));
            }
            return new Shape(ordered(type, found, where), anyGetter(type));
        }

        private static Field field(Class<?> type, String name) {
            try {
                return type.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }

        private static List<Property> ordered(Class<?> type, Map<String, Property> found, AnnotatedThing where) {
            JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
            if (order != null && order.alphabetic()) {
                throw where.unsupported("@JsonPropertyOrder(alphabetic = true)");
            }
            Map<String, Property> remaining = new LinkedHashMap<>(found);
            List<Property> properties = new ArrayList<>();
            if (order != null) {
                Arrays.stream(order.value()).map(remaining::remove).filter(Objects::nonNull).forEach(properties::add);
            }
            properties.addAll(remaining.values());
            return List.copyOf(properties);
        }

        private static Property anyGetter(Class<?> type) {
            for (Method method : type.getMethods()) {
                JsonAnyGetter annotation = method.getAnnotation(JsonAnyGetter.class);
                if (annotation != null && annotation.enabled() && method.getParameterCount() == 0) {
                    return new Property("@JsonAnyGetter", method, Inclusion.ALWAYS);
                }
            }
            return null;
        }

        ObjectNode tree(Object value) {
            ObjectNode object = NODES.objectNode();
            for (Property property : properties) {
                Object propertyValue = property.read(value);
                if (property.inclusion().keeps(propertyValue)) {
                    object.set(property.name(), ModelTree.of(propertyValue));
                }
            }
            if (anyGetter != null) {
                Object extra = anyGetter.read(value);
                if (extra instanceof Map<?, ?> map) {
                    sorted(map).forEach((key, entry) -> object.set(key, ModelTree.of(entry)));
                }
            }
            return object;
        }
    }
}
