package dev.codestory.gitops.objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Converts spec values shaped like Kubernetes types (an affinity) into fabric8 types, refusing fields the type
 * does not have; fields the spec leaves out stay unset.
 */
final class ObjectMapping {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ObjectMapping() {
    }

    static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }
}
