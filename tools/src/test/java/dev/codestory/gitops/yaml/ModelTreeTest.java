package dev.codestory.gitops.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.controllers.ArgoCd;
import dev.codestory.gitops.controllers.Flux;
import dev.codestory.gitops.plan.Kustomization;
import dev.codestory.gitops.generate.AppObjects;
import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.SpecLoader;
import dev.codestory.gitops.FixtureRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ModelTree writes what Jackson would, on everything the tool generates, and refuses what it cannot read. */
class ModelTreeTest {

    private final ObjectMapper jackson = YamlRenderer.instance().mapper();

    private void assertSameAsJackson(Object value) {
        JsonNode ours = ModelTree.of(value);
        JsonNode theirs = jackson.valueToTree(value);
        assertThat(ours).as("%s", value).isEqualTo(theirs);
        // equals ignores the order of fields, the text does not
        assertThat(ours.toString()).isEqualTo(theirs.toString());
    }

    @Test
    void everyGeneratedObjectIsTheTreeJacksonWouldWrite() {
        List<Environment> environments = new ArrayList<>(SpecLoader.loadAll(FixtureRepository.get().root));
        Environment defaults = SpecLoader.defaultsEnvironment();
        environments.add(defaults.withComponents(List.of()));
        for (Component component : Component.values()) {
            environments.add(defaults.withComponents(List.of(component)));
        }
        List<Object> objects = new ArrayList<>();
        for (Environment environment : environments) {
            objects.addAll(AppObjects.build(environment));
            if (environment.spec().gitops().controller() == EnvSpec.Controller.ARGOCD) {
                objects.add(ArgoCd.project(List.of(environment)));
                objects.addAll(ArgoCd.applications(environment));
            } else {
                objects.add(Flux.gitRepository(environment.spec().gitops()));
                environment.spec().gitops().clusters().forEach(cluster ->
                        objects.addAll(Flux.kustomizations(environment, cluster)));
            }
        }
        objects.add(Kustomization.of("ns", List.of("../../base"), List.of("../../components/x"),
                List.of(new Kustomization.LabelSet(new TreeMap<>(Map.of("b", "2", "a", "1")), false, null)),
                List.of(new Kustomization.ImageOverride("api", null, "1.0", "")),
                List.of(new Kustomization.Patch("p.yaml"))));
        objects.add(Kustomization.component(List.of(), null));
        assertThat(objects).hasSizeGreaterThan(200);
        objects.forEach(this::assertSameAsJackson);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"zulu", "alpha"})
    record NonEmpty(String alpha, List<String> zulu, boolean flag, Map<String, Integer> map, String empty) {
    }

    record Defaults(String alpha, List<String> list, Long count) {
    }

    record Numbers(Short s, Integer i, Long l, Float f, Double d, java.math.BigDecimal b) {
    }

    @Test
    void inclusionOrderAndMapsFollowTheAnnotations() {
        Map<String, Integer> unsorted = new LinkedHashMap<>();
        unsorted.put("z", 1);
        unsorted.put("a", 2);
        NonEmpty nonEmpty = new NonEmpty("x", List.of(), false, unsorted, "");
        assertThat(ModelTree.of(nonEmpty).toString())
                .isEqualTo("{\"alpha\":\"x\",\"flag\":false,\"map\":{\"a\":2,\"z\":1}}");
        assertSameAsJackson(nonEmpty);
        Defaults defaults = new Defaults(null, List.of(), 7L);
        assertThat(ModelTree.of(defaults).toString()).isEqualTo("{\"list\":[],\"count\":7}");
        assertSameAsJackson(defaults);
        assertSameAsJackson(new Numbers((short) 1, 2, 3L, 4.5f, 6.5, new java.math.BigDecimal("7.25")));
    }

    enum Colour { RED }

    @JsonSerialize(using = ToStringSerializer.class)
    record Custom(String value) {
    }

    @Test
    void whatItCannotReadFailsInsteadOfGuessing() {
        assertThatThrownBy(() -> ModelTree.of(Map.of("colour", Colour.RED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Colour")
                .hasMessageContaining("enum");
        assertThatThrownBy(() -> ModelTree.of(new Custom("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom serializer");
        assertThatThrownBy(() -> ModelTree.of(Map.of(1, "one")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("map key");
    }
}
