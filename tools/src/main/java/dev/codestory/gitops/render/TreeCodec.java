package dev.codestory.gitops.render;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a tree to bytes and reads it back as the very same tree: every node keeps its type (an int stays an
 * {@code IntNode}, a long a {@code LongNode}), since trees that print alike but differ in node type are not
 * equal, and the patch computation compares trees. Keys keep their order. A node of a type it does not know
 * (a POJO or binary node) fails loudly.
 */
public final class TreeCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private enum Tag { OBJECT, ARRAY, TEXT, INT, LONG, BIG_INTEGER, FLOAT, DOUBLE, DECIMAL, TRUE, FALSE, NULL }

    private static final Tag[] TAGS = Tag.values();

    private TreeCodec() {
    }

    public static void write(DataOutputStream out, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                tag(out, Tag.OBJECT);
                out.writeInt(node.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    out.writeUTF(field.getKey());
                    write(out, field.getValue());
                }
            }
            case ARRAY -> {
                tag(out, Tag.ARRAY);
                out.writeInt(node.size());
                for (JsonNode element : node) {
                    write(out, element);
                }
            }
            case STRING -> {
                tag(out, Tag.TEXT);
                text(out, node.textValue());
            }
            case BOOLEAN -> tag(out, node.booleanValue() ? Tag.TRUE : Tag.FALSE);
            case NULL -> tag(out, Tag.NULL);
            case NUMBER -> number(out, node);
            default -> throw new IllegalArgumentException("cannot encode a " + node.getNodeType() + " node");
        }
    }

    public static JsonNode read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag >= TAGS.length) {
            throw new IOException("unknown tree node tag " + tag);
        }
        return switch (TAGS[tag]) {
            case OBJECT -> {
                int size = in.readInt();
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < size; i++) {
                    String key = in.readUTF();
                    object.set(key, read(in));
                }
                yield object;
            }
            case ARRAY -> {
                int size = in.readInt();
                ArrayNode array = NODES.arrayNode(size);
                for (int i = 0; i < size; i++) {
                    array.add(read(in));
                }
                yield array;
            }
            case TEXT -> NODES.textNode(text(in));
            case INT -> NODES.numberNode(in.readInt());
            case LONG -> NODES.numberNode(in.readLong());
            case BIG_INTEGER -> NODES.numberNode(new BigInteger(text(in)));
            case FLOAT -> NODES.numberNode(in.readFloat());
            case DOUBLE -> NODES.numberNode(in.readDouble());
            case DECIMAL -> NODES.numberNode(new BigDecimal(text(in)));
            case TRUE -> NODES.booleanNode(true);
            case FALSE -> NODES.booleanNode(false);
            case NULL -> NODES.nullNode();
        };
    }

    private static void number(DataOutputStream out, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> {
                if (node.isShort()) {
                    throw new IllegalArgumentException("cannot encode a short node (" + node.intValue() + ")");
                }
                tag(out, Tag.INT);
                out.writeInt(node.intValue());
            }
            case LONG -> {
                tag(out, Tag.LONG);
                out.writeLong(node.longValue());
            }
            case BIG_INTEGER -> {
                tag(out, Tag.BIG_INTEGER);
                text(out, node.bigIntegerValue().toString());
            }
            case FLOAT -> {
                tag(out, Tag.FLOAT);
                out.writeFloat(node.floatValue());
            }
            case DOUBLE -> {
                tag(out, Tag.DOUBLE);
                out.writeDouble(node.doubleValue());
            }
            case BIG_DECIMAL -> {
                tag(out, Tag.DECIMAL);
                text(out, node.decimalValue().toString());
            }
        }
    }

    private static void tag(DataOutputStream out, Tag tag) throws IOException {
        out.writeByte(tag.ordinal());
    }

    /** Text of any length (writeUTF stops at 64 KiB of encoded bytes, which a ConfigMap value may exceed). */
    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
