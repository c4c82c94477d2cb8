package dev.codestory.gitops.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The only YAML writer. Objects become trees first (so field order comes from the model and map keys are
 * sorted), then text: UTF-8, {@code \n} line endings, a trailing newline, quotes only where YAML needs them
 * (and always on strings such as "yes", "on" or "1.10" that a YAML 1.1 reader would take for something else).
 */
public final class YamlRenderer {

    private static final YamlRenderer INSTANCE = new YamlRenderer();

    private final ObjectMapper mapper;

    private YamlRenderer() {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        mapper = YAMLMapper.builder(factory)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public static YamlRenderer instance() {
        return INSTANCE;
    }

    /** The object as a tree, the form every comparison and patch computation works on. */
    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    /** The document text, preceded by {@code header} as comment lines when it is not empty. */
    public byte[] render(String header, Object value) {
        StringBuilder text = new StringBuilder();
        if (!header.isEmpty()) {
            for (String line : header.split("\n")) {
                text.append("# ").append(line).append('\n');
            }
        }
        try {
            text.append(mapper.writeValueAsString(value instanceof JsonNode ? value : toTree(value)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }
}
