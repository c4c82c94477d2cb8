package dev.codestory.gitops.yaml;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON properties of a model class (not a record) as its Jackson annotations declare them: every non-static
 * field marked {@code @JsonProperty} and not {@code @JsonIgnore}, by property name, in the order Jackson
 * collects them (the topmost class first; a subclass's field wins over a superclass's of the same name).
 * Writing ({@link ModelTree}) and the schema check read the same properties.
 */
public final class ModelFields {

    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            List<Class<?>> hierarchy = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                hierarchy.add(0, c);
            }
            Map<String, Field> fields = new LinkedHashMap<>();
            for (Class<?> c : hierarchy) {
                for (Field field : c.getDeclaredFields()) {
                    JsonProperty property = field.getAnnotation(JsonProperty.class);
                    if (property != null && field.getAnnotation(JsonIgnore.class) == null
                            && !Modifier.isStatic(field.getModifiers())) {
                        field.setAccessible(true);
                        fields.put(property.value().isEmpty() ? field.getName() : property.value(), field);
                    }
                }
            }
            return Collections.unmodifiableMap(fields);
        }
    };

    private ModelFields() {
    }

    /** Property name to field, readable (made accessible). */
    public static Map<String, Field> of(Class<?> type) {
        return FIELDS.get(type);
    }
}
