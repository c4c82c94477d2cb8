package dev.codestory.gitops.yaml;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The only YAML writer. Objects become trees first (so field order comes from the model and map keys are
 * sorted, see {@link ModelTree}), then text: UTF-8, {@code \n} line endings, a trailing newline, quotes only
 * where YAML needs them (and always on strings such as "yes", "on" or "1.10" that a YAML 1.1 reader would take
 * for something else). Writing and reading need no ObjectMapper.
 */
public final class YamlRenderer {

    private static final YamlRenderer INSTANCE = new YamlRenderer();

    private final YAMLFactory factory;

    private YamlRenderer() {
        factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
    }

    public static YamlRenderer instance() {
        return INSTANCE;
    }

    /** The object as a tree, the form every comparison and patch computation works on. */
    public JsonNode toTree(Object value) {
        return ModelTree.of(value);
    }

    /** The document text, preceded by {@code header} as comment lines when it is not empty. */
    public byte[] render(String header, Object value) {
        StringBuilder text = new StringBuilder();
        if (!header.isEmpty()) {
            for (String line : header.split("\n")) {
                text.append("# ").append(line).append('\n');
            }
        }
        StringWriter yaml = new StringWriter();
        try (JsonGenerator generator = factory.createGenerator(yaml)) {
            write(generator, value instanceof JsonNode node ? node : toTree(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.append(yaml).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code yaml}, as {@link #render} wrote it, with a comment at the end of the line of each scalar that
     * {@code comments} names by JSON pointer ({@code /images/1/newTag}). Comments are no YAML data, so the
     * document reads the same; tools such as Flux's image automation find their markers there.
     */
    public byte[] withLineComments(byte[] yaml, Map<String, String> comments) {
        String text = new String(yaml, StandardCharsets.UTF_8);
        Map<Integer, String> byLine = new java.util.TreeMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String comment = token.isScalarValue()
                        ? comments.get(parser.getParsingContext().pathAsPointer().toString()) : null;
                if (comment != null) {
                    if (comment.contains("\n")) {
                        throw new IllegalArgumentException("a line comment cannot span lines: " + comment);
                    }
                    byLine.put(parser.currentTokenLocation().getLineNr(), comment);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (byLine.size() != comments.size()) {
            throw new IllegalArgumentException("no single-line scalar at some of " + comments.keySet());
        }
        StringBuilder out = new StringBuilder();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            if (number > 0) {
                out.append('\n');
            }
            number++;
            out.append(line);
            String comment = byLine.get(number);
            if (comment != null) {
                out.append(" # ").append(comment);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode item : node) {
                    write(generator, item);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> generator.writeNumber(node.intValue());
                    case LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case FLOAT -> generator.writeNumber(node.floatValue());
                    case DOUBLE -> generator.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                }
            }
            default -> throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as YAML");
        }
    }

    /**
     * The documents of a YAML stream as trees (empty documents included, as null nodes), read the way
     * {@code mapper().readerFor(JsonNode.class).readValues(yaml)} reads them, without building a mapper.
     */
    public List<JsonNode> parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = factory.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                documents.add(read(parser, token));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return switch (parser.getNumberType()) {
                    case BIG_DECIMAL -> nodes.numberNode(parser.getDecimalValue());
                    case FLOAT -> nodes.numberNode(parser.getFloatValue());
                    default -> nodes.numberNode(parser.getDoubleValue());
                };
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new IOException("unexpected " + token + " in YAML at " + parser.currentLocation());
        }
    }

    /**
     * A Jackson mapper with the renderer's settings: what {@link #toTree} and {@link #parse} are held equal to in
     * the tests. The tool itself never builds it.
     */
    public ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    public ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = YAMLMapper.builder(YamlRenderer.INSTANCE.factory)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
