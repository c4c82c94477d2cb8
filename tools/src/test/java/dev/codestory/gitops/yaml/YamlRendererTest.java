package dev.codestory.gitops.yaml;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.kustomize.Goldens;
import dev.codestory.gitops.FixtureRepository;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlRendererTest {

    private final YamlRenderer renderer = YamlRenderer.instance();

    private String render(Object value) {
        return new String(renderer.render("", value), StandardCharsets.UTF_8);
    }

    @Test
    void writesPortsAsNumbersOrNamesNotAsObjects() {
        String yaml = render(new ServiceBuilder().withNewSpec()
                .addNewPort().withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .addNewPort().withPort(81).withTargetPort(new IntOrString(8081)).endPort()
                .endSpec().build());
        assertThat(yaml).contains("targetPort: http\n").contains("targetPort: 8081\n").doesNotContain("strVal");
    }

    @Test
    void writesQuantitiesAsTheirText() {
        String yaml = render(new ContainerBuilder().withNewResources()
                .addToRequests("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("2Gi"))
                .endResources().build());
        assertThat(yaml).contains("cpu: 250m\n").contains("memory: 2Gi\n").doesNotContain("amount")
                .doesNotContain("format");
    }

    /** Flux's markers: a comment at the end of a value's line, which leaves the document as it was. */
    @Test
    void appendsACommentToTheLineOfTheValueAPointerNames() {
        byte[] yaml = renderer.render("header", Map.of("images", List.of(Map.of("name", "a", "newTag", "1.10"),
                Map.of("name", "b", "newTag", "2"))));
        byte[] marked = renderer.withLineComments(yaml, Map.of("/images/1/newTag", "{\"$imagepolicy\": \"ns:b:tag\"}"));
        assertThat(new String(marked, StandardCharsets.UTF_8)).isEqualTo("""
                # header
                images:
                  - name: a
                    newTag: "1.10"
                  - name: b
                    newTag: "2" # {"$imagepolicy": "ns:b:tag"}
                """);
        assertThat(renderer.parse(new String(marked, StandardCharsets.UTF_8)))
                .isEqualTo(renderer.parse(new String(yaml, StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> renderer.withLineComments(yaml, Map.of("/images/2/newTag", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesStringsThatYaml11WouldReadAsSomethingElse() {
        Map<String, String> values = new TreeMap<>(Map.of("a", "yes", "b", "on", "c", "1.10", "d", "true",
                "e", "n", "f", "plain", "g", "-1", "h", "null"));
        String yaml = render(values);
        assertThat(yaml).contains("a: \"yes\"").contains("b: \"on\"").contains("c: \"1.10\"")
                .contains("d: \"true\"").contains("e: \"n\"").contains("f: plain").contains("g: \"-1\"")
                .contains("h: \"null\"");
    }

    @Test
    void sortsMapKeysUsesUnixLineEndsAndEndsWithANewline() {
        String yaml = render(Map.of("zeta", "1x", "alpha", "2x"));
        assertThat(yaml).isEqualTo("alpha: 2x\nzeta: 1x\n");
        assertThat(yaml).doesNotContain("\r");
    }

    @Test
    void writesTheHeaderAsCommentLines() {
        assertThat(render("x")).isEqualTo("x\n");
        String yaml = new String(renderer.render("one\ntwo", Map.of("k", "v")), StandardCharsets.UTF_8);
        assertThat(yaml).isEqualTo("# one\n# two\nk: v\n");
    }

    @Test
    void readsEveryGoldenFileAsJacksonDoes() throws Exception {
        for (Path golden : Goldens.recorded(FixtureRepository.get().root).values()) {
            String text = Files.readString(golden, StandardCharsets.UTF_8);
            List<JsonNode> jackson = renderer.mapper().readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
            assertThat(renderer.parse(text)).as("%s", golden).isEqualTo(jackson);
        }
    }

    @Test
    void readsScalarsDocumentsAndNullsAsJacksonDoes() throws Exception {
        String text = "a: 1\nb: 2.5\nc: \"3\"\nd: true\ne: null\nf: 12345678901\ng: [x, {h: ~}]\n---\n---\nlast: 0\n";
        List<JsonNode> jackson = renderer.mapper().readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
        assertThat(renderer.parse(text)).isEqualTo(jackson);
        assertThat(renderer.parse(text).get(0).get("f").isLong()).isTrue();
    }

    @Test
    void aSyntaxErrorIsAnUncheckedIoException() {
        assertThatThrownBy(() -> renderer.parse("a: [1, 2\n")).isInstanceOf(UncheckedIOException.class);
    }
}
