package dev.codestory.gitops.spec;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Binds a {@link YamlNode} tree onto the spec records, strictly: unknown keys (with a suggestion), wrong types,
 * missing required keys and YAML 1.1 look-alikes are all reported, one problem each, with their position.
 * It also records where every field path was written, so later checks can point at the right line.
 */
public final class SpecBinder {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
            + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential).*");

    private final List<SpecProblem> problems = new ArrayList<>();
    private final Map<String, SourcePosition> positions = new HashMap<>();

    /** The bound value and where each field path was written. */
    public record Bound<T>(T value, Map<String, SourcePosition> positions) {
    }

    public static <T> Bound<T> bind(YamlNode node, Class<T> type) {
        SpecBinder binder = new SpecBinder();
        Object value = binder.bindValue(node, type, "");
        if (!binder.problems.isEmpty()) {
            throw new SpecException(binder.problems);
        }
        return new Bound<>(type.cast(value), Map.copyOf(binder.positions));
    }

    private Object bindValue(YamlNode node, Type type, String path) {
        positions.put(path, node.position());
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            return bindRecord(node, raw, path);
        }
        if (raw == List.class) {
            return bindList(node, elementType(type, 0), path);
        }
        if (raw == Map.class) {
            return bindMap(node, elementType(type, 1), path);
        }
        if (raw == Object.class) {
            return plain(node);
        }
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
            return fail(node, path, "expected " + describe(raw) + ", got " + node.describe());
        }
        String text = scalar.text();
        if (raw == String.class) {
            return text;
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            if (!scalar.plain() || !INTEGER.matcher(text).matches()) {
                return fail(node, path, "expected an integer, got '" + text + "'");
            }
            try {
                if (raw == int.class || raw == Integer.class) {
                    return Integer.valueOf(text);
                }
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                return fail(node, path, "integer out of range: " + text);
            }
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (scalar.plain() && (text.equals("true") || text.equals("false"))) {
                return Boolean.parseBoolean(text);
            }
            return fail(node, path, "expected true or false, got '" + text + "'");
        }
        if (raw.isEnum()) {
            for (Object constant : raw.getEnumConstants()) {
                if (((SpecEnum) constant).specValue().equals(text)) {
                    return constant;
                }
            }
            return fail(node, path, "expected one of " + enumValues(raw) + ", got '" + text + "'"
                    + suggestion(text, enumValues(raw)));
        }
        throw new IllegalStateException("no binding for " + type);
    }

    private Object bindRecord(YamlNode node, Class<?> type, String path) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            return fail(node, path, "expected a mapping, got " + node.describe());
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = Arrays.stream(components).map(RecordComponent::getName).toList();
        for (String key : mapping.entries().keySet()) {
            if (!known.contains(key)) {
                SourcePosition at = mapping.keyPositions().get(key);
                String keyPath = join(path, key);
                if (SECRET_KEY.matcher(key).matches()) {
                    problems.add(new SpecProblem(at, keyPath, "secret values never go in a spec; the app reads"
                            + " them from the Secret 'code-story-secrets' (see README, 'Secrets')"));
                } else {
                    problems.add(new SpecProblem(at, keyPath, "unknown key" + suggestion(key, known)));
                }
            }
        }
        Object[] args = new Object[components.length];
        boolean complete = true;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            YamlNode child = mapping.entries().get(component.getName());
            String childPath = join(path, component.getName());
            boolean optional = component.isAnnotationPresent(Optional.class);
            if (child == null || (child instanceof YamlNode.Scalar s && s.isNull() && optional)) {
                SourcePosition emptied = mapping.keyPositions().get(component.getName());
                if (!optional && child == null && emptied != null) {
                    problems.add(new SpecProblem(emptied, childPath, "has no value: a key left empty removes its"
                            + " default, and this one is required; give it a value, or delete the line to keep the"
                            + " default"));
                    complete = false;
                } else if (!optional) {
                    problems.add(new SpecProblem(mapping.position(), childPath, "required key is missing"));
                    complete = false;
                }
                continue;
            }
            args[i] = bindValue(child, component.getGenericType(), childPath);
            if (args[i] instanceof String && type.isAnnotationPresent(KubernetesStrings.class)
                    && child instanceof YamlNode.Scalar scalar && scalar.plain() && typedByYaml(scalar.text())) {
                problems.add(new SpecProblem(child.position(), childPath, "expected a string, got " + child.describe()
                        + ", which YAML reads as a number, a boolean or null (Kubernetes refuses it); quote it if"
                        + " you mean the text"));
                args[i] = null;
            }
            complete &= args[i] != null || optional;
        }
        if (!complete) {
            return null;
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /** Whether YAML 1.2's core schema reads a plain scalar as something other than a string. */
    private static boolean typedByYaml(String text) {
        return INTEGER.matcher(text).matches() || FLOAT.matcher(text).matches()
                || List.of("true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL", "~").contains(text);
    }

    private Object bindList(YamlNode node, Type elementType, String path) {
        if (!(node instanceof YamlNode.Sequence sequence)) {
            return fail(node, path, "expected a list, got " + node.describe());
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            items.add(bindValue(sequence.items().get(i), elementType, path + "[" + i + "]"));
        }
        return items.contains(null) ? null : List.copyOf(items);
    }

    private Object bindMap(YamlNode node, Type valueType, String path) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            return fail(node, path, "expected a mapping, got " + node.describe());
        }
        Map<String, Object> result = new TreeMap<>();
        for (Map.Entry<String, YamlNode> entry : mapping.entries().entrySet()) {
            if (SecretPatterns.namesSecret(entry.getKey())) {
                // a free-form map (labels, annotations, a node selector) is no place for a secret either
                problems.add(new SpecProblem(mapping.keyPositions().get(entry.getKey()), join(path, entry.getKey()),
                        "a key named like a secret; secret values never go in a spec, the app reads them from the"
                                + " Secret 'code-story-secrets' (see README, 'Secrets')"));
                continue;
            }
            Object value = bindValue(entry.getValue(), valueType, join(path, entry.getKey()));
            if (value == null) {
                return null;
            }
            result.put(entry.getKey(), value);
        }
        return result;
    }

    /** A free-form value (such as an affinity) as plain maps, lists and scalars typed by YAML's core schema. */
    private static Object plain(YamlNode node) {
        if (node instanceof YamlNode.Mapping mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            mapping.entries().forEach((key, value) -> map.put(key, plain(value)));
            return map;
        }
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items().stream().map(SpecBinder::plain).toList();
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        if (scalar.isNull()) {
            return null;
        }
        if (scalar.plain() && INTEGER.matcher(scalar.text()).matches()) {
            return Long.parseLong(scalar.text());
        }
        if (scalar.plain() && (scalar.text().equals("true") || scalar.text().equals("false"))) {
            return Boolean.parseBoolean(scalar.text());
        }
        return scalar.text();
    }

    private Object fail(YamlNode node, String path, String message) {
        problems.add(new SpecProblem(node.position(), path, message));
        return null;
    }

    static String suggestion(String word, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = Strings.editDistance(word.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }

    private static List<String> enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((SpecEnum) c).specValue()).toList();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        return "an integer";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    private static Type elementType(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
