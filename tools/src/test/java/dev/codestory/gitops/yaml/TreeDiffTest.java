package dev.codestory.gitops.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What two builds' difference says per resource: the first field, and the names of the others that differ. */
class TreeDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("one field", "{\"spec\":{\"replicas\":2}}", "{\"spec\":{\"replicas\":3}}",
                        "spec.replicas", "the build has 3, the golden file has 2"),
                Arguments.of("a version bump: the label first, the image named after it",
                        "{\"metadata\":{\"labels\":{\"v\":\"1\"}},\"spec\":{\"image\":\"api:1\"}}",
                        "{\"metadata\":{\"labels\":{\"v\":\"2\"}},\"spec\":{\"image\":\"api:2\"}}",
                        "metadata.labels.v", "the build has \"2\", the golden file has \"1\"; also differs in spec.image"),
                Arguments.of("more than three other fields are counted",
                        "{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1}",
                        "{\"a\":2,\"b\":2,\"c\":2,\"d\":2,\"e\":2,\"f\":2}",
                        "a", "the build has 2, the golden file has 1; also differs in b, c, d and 2 more fields"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aChangedResourceNamesItsFirstFieldAndTheOthers(String row, String golden, String build, String field,
                                                        String problem) throws Exception {
        List<TreeDiff.Difference> differences = TreeDiff.compare(objects(golden), "the golden file",
                objects(build), "the build");

        assertThat(differences).containsExactly(new TreeDiff.Difference("Deployment/api", field, problem));
    }

    private static Map<String, JsonNode> objects(String body) throws Exception {
        ObjectNode object = (ObjectNode) JSON.readTree(body);
        object.put("kind", "Deployment");
        JsonNode metadata = object.path("metadata");
        (metadata.isObject() ? (ObjectNode) metadata : object.putObject("metadata")).put("name", "api");
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        objects.put("Deployment/api", object);
        return objects;
    }
}
