package dev.codestory.gitops.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TreeCodecTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void everyNodeComesBackWithItsTypeAndKeysInTheirOrder() throws IOException {
        ObjectNode tree = NODES.objectNode();
        tree.put("zeta", "last key first");
        tree.put("int", 30);
        tree.put("long", 30L);
        tree.put("bigInteger", new BigInteger("123456789012345678901234567890"));
        tree.put("double", 0.5d);
        tree.put("float", 0.25f);
        tree.put("decimal", new BigDecimal("1.50"));
        tree.put("yes", true);
        tree.put("no", false);
        tree.putNull("nothing");
        tree.put("unicode", "naïve – ✓ 𝄞");
        tree.put("long text", "x".repeat(70_000));
        tree.putObject("empty");
        tree.putArray("list").add(1).add("two").addObject().put("three", 3L);

        JsonNode back = roundTrip(tree);

        assertThat(back).isEqualTo(tree);
        assertThat(fieldNames(back)).isEqualTo(fieldNames(tree));
        assertThat(back.get("int").isInt()).isTrue();
        assertThat(back.get("long").isLong()).isTrue();
        assertThat(back.get("float").isFloat()).isTrue();
        assertThat(back.get("decimal").decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(back.get("list").get(2).get("three").isLong()).isTrue();
    }

    @Test
    void anIntAndALongOfTheSameValueStayDifferentTrees() throws IOException {
        // the patch computation compares trees with equals, where IntNode(30) is not LongNode(30)
        assertThat(roundTrip(NODES.numberNode(30))).isNotEqualTo(NODES.numberNode(30L));
        assertThat(roundTrip(NODES.numberNode(30L))).isNotEqualTo(NODES.numberNode(30));
    }

    @Test
    void aNodeItCannotReproduceFailsLoudly() {
        assertThatThrownBy(() -> roundTrip(NODES.pojoNode(new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POJO");
        assertThatThrownBy(() -> roundTrip(NODES.binaryNode(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BINARY");
        assertThatThrownBy(() -> roundTrip(NODES.numberNode((short) 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("short");
    }

    @Test
    void anUnknownTagIsAnError() {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(new byte[] {(byte) 200}));
        assertThatThrownBy(() -> TreeCodec.read(in)).isInstanceOf(IOException.class).hasMessageContaining("200");
    }

    private static JsonNode roundTrip(JsonNode node) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            TreeCodec.write(out, node);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            JsonNode back = TreeCodec.read(in);
            assertThat(in.read()).as("bytes left after the tree").isEqualTo(-1);
            return back;
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
