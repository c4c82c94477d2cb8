package dev.codestory.gitops.review;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.yaml.FieldDiff;
import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One field change that is the whole change of three resources or more, none of them flagged, is told once; a
 * resource with anything more to say is told on its own.
 */
class SameChangesTest {

    private static JsonNode object(String kind, String name, String version, String image) {
        return YamlRenderer.instance().parse("kind: " + kind + "\nmetadata:\n  name: " + name + "\n  labels:\n"
                + "    version: '" + version + "'\nspec: {image: '" + image + "'}\n").get(0);
    }

    private static ResourceReview changed(String name, String image, List<Flag> flags) {
        JsonNode before = object("Service", name, "1", "a:1");
        JsonNode after = object("Service", name, "2", image);
        return new ResourceReview(ResourceReview.Status.CHANGED, "Service/" + name, before, after,
                FieldDiff.between(before, after), flags);
    }

    private static EnvironmentReview review(int labelOnly, ResourceReview... others) {
        List<ResourceReview> resources = new ArrayList<>();
        for (int i = 0; i < labelOnly; i++) {
            resources.add(changed("s" + i, "a:1", List.of()));
        }
        resources.addAll(List.of(others));
        return new EnvironmentReview("prod", EnvironmentReview.Presence.BOTH, resources);
    }

    @Test
    void threeResourcesWithTheSameOnlyChangeAreToldOnce() {
        ResourceReview image = changed("api", "a:2", List.of());
        ResourceReview flagged = changed("flagged", "a:1", List.of(Flag.pruned()));
        EnvironmentReview review = review(3, image, flagged);
        assertThat(review.sameChanges()).singleElement().satisfies(same -> {
            assertThat(same.change()).isEqualTo("metadata.labels.version: 1 → 2");
            assertThat(same.names()).containsExactly("Service/s0", "Service/s1", "Service/s2");
        });
        assertThat(review.toldOneByOne()).containsExactly(image, flagged);
        assertThat(review.count(ResourceReview.Status.CHANGED)).isEqualTo(5);
    }

    @Test
    void twoAreStillToldOneByOne() {
        EnvironmentReview review = review(2);
        assertThat(review.sameChanges()).isEmpty();
        assertThat(review.toldOneByOne()).hasSize(2);
    }
}
