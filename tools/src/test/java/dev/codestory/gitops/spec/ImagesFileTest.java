package dev.codestory.gitops.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.layout.RepoLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The images file as input: what people and bots may write into it, and the one message for each thing they may
 * not. Each row is a fixture spec (with an addition), the file's text, and the problems expected (none: accepted).
 */
class ImagesFileTest {

    private static final String HEAD = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n";
    /** Entries from line 4: admin's name on 4 and newTag on 5, api's on 6 and 7, web's on 8 and 9. */
    private static final String PINNED = "  - name: codestory/admin\n    newTag: 1.0.0\n  - name: codestory/api\n"
            + "    newTag: 1.0.0\n  - name: codestory/web\n    newTag: 1.0.0\n";
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String FLUX = "gitops:\n  imageUpdates:\n    tool: flux\n";

    static Stream<Arguments> files() {
        return Stream.of(
                row("the seed as regen writes it, with its header", "prod", "",
                        "# The image versions prod runs\n" + HEAD + PINNED.replace("1.0.0", "\"1.0.0\"")),
                row("a bot's bump with a Flux marker and comments of its own", "prod", "",
                        HEAD + PINNED.replace("  - name: codestory/api\n    newTag: 1.0.0\n", "  # the api\n"
                                + "  - name: codestory/api\n    newTag: 1.0.1 # {\"$imagepolicy\":"
                                + " \"flux-system:code-story-api:tag\"}\n")),
                row("a tag pinned with its digest", "prod", "",
                        HEAD + PINNED.replace("newTag: 1.0.0\n  - name: codestory/web", "newTag: 1.0.0@" + DIGEST
                                + "\n  - name: codestory/web")),
                row("latest outside development", "prod", "", HEAD + PINNED.replace("newTag: 1.0.0\n  - name:"
                                + " codestory/web", "newTag: latest\n  - name: codestory/web"),
                        "prod:7:13: images: codestory/api: 'latest' is refused outside tier development: pin a"
                                + " version tag or a digest"),
                row("no tag, which means latest, outside development", "prod", "",
                        HEAD + PINNED.replace("  - name: codestory/api\n    newTag: 1.0.0\n",
                                "  - name: codestory/api\n"),
                        "prod:6:11: images: codestory/api: no tag means 'latest', which is refused outside tier"
                                + " development: pin a version tag or a digest"),
                row("an image the environment runs has no entry", "prod", "",
                        HEAD + PINNED.replace("  - name: codestory/web\n    newTag: 1.0.0\n", ""),
                        "prod:4:3: images: codestory/web: no entry, so web would run codestory/web untagged"
                                + " ('latest'), refused outside tier development: add one with its newTag"),
                row("in development an image may run latest, or have no entry", "dev", "",
                        HEAD + "  - name: codestory/api\n    newTag: latest\n"),
                row("an image listed twice", "prod", "", HEAD + PINNED + "  - name: codestory/api\n"
                                + "    newTag: 1.0.2\n",
                        "prod:10:11: images[3].name: codestory/api is listed twice (first at line 6): kustomize sets"
                                + " one version per image name"),
                row("an image no workload has", "prod", "", HEAD + PINNED + "  - name: codestory/wrker\n"
                                + "    newTag: 1.0.0\n",
                        "prod:10:11: images: codestory/wrker: no workload of prod has this image (its images:"
                                + " codestory/admin, codestory/api, codestory/web)"),
                row("a disabled workload's image may stay", "dev", "web:\n  enabled: false\n", HEAD + PINNED),
                row("a version YAML reads as a number", "prod", "",
                        HEAD + PINNED.replace("newTag: 1.0.0\n  - name: codestory/web", "newTag: 1.10\n"
                                + "  - name: codestory/web"),
                        "prod:7:13: images[1].newTag: '1.10' is read as a number, which kustomize refuses; quote it"
                                + " (\"1.10\")"),
                row("a digest both after the tag and on its own", "prod", "",
                        HEAD + PINNED.replace("newTag: 1.0.0\n  - name: codestory/web", "newTag: 1.0.0@" + DIGEST
                                + "\n    digest: " + DIGEST + "\n  - name: codestory/web"),
                        "prod:8:13: images[1].digest: newTag already pins a digest; keep one of them"),
                row("a digest that is none", "prod", "",
                        HEAD + PINNED.replace("newTag: 1.0.0\n  - name: codestory/web", "newTag: 1.0.0\n"
                                + "    digest: sha256:abc\n  - name: codestory/web"),
                        "prod:8:13: images[1].digest: 'sha256:abc' is not a digest (sha256: and 64 hex digits)"),
                row("a Kustomization instead of a Component", "prod", "",
                        HEAD.replace("Component", "Kustomization") + PINNED,
                        "prod:2:7: kind: must be Component, got 'Kustomization'"),
                row("anything but the versions", "prod", "", HEAD + PINNED + "patches:\n  - path: mine.yaml\n",
                        "prod:10:1: patches: unknown key: this file holds only the versions (apiVersion, kind,"
                                + " images); put other changes in overlays/prod/local/"),
                row("an entry's unknown key", "prod", "", HEAD + PINNED.replace("    newTag: 1.0.0\n  - name:"
                                + " codestory/web", "    newTag: 1.0.0\n    tag: 1.0.1\n  - name: codestory/web"),
                        "prod:8:5: images[1].tag: unknown key (an entry has name, newName, newTag and digest)"),
                row("Flux image automation with its markers", "staging", FLUX, HEAD + markers(PINNED)),
                row("Flux image automation without a marker on one newTag", "staging", FLUX,
                        HEAD + markers(PINNED).replaceFirst(" # \\{\"\\$imagepolicy\": \"flux-system:code-story"
                                + "-staging-web:tag\"}", ""),
                        "staging:9:13: images: codestory/web: newTag has no Flux marker, so Flux image automation"
                                + " never updates it (gitops.imageUpdates.tool: flux); end the line with: #"
                                + " {\"$imagepolicy\": \"flux-system:code-story-staging-web:tag\"}"),
                row("Flux image automation with a marker for a whole image on newTag", "staging", FLUX,
                        HEAD + markers(PINNED).replace("code-story-staging-api:tag", "code-story-staging-api"),
                        "staging:7:13: images: codestory/api: the marker on newTag must name"
                                + " <namespace>:<policy>:tag, got 'flux-system:code-story-staging-api'; for example #"
                                + " {\"$imagepolicy\": \"flux-system:code-story-staging-api:tag\"}"));
    }

    private static Arguments row(String name, String environment, String specAddition, String text,
                                 String... problems) {
        return Arguments.of(name, environment, specAddition, text, List.of(problems));
    }

    /** {@code entries} with the marker regen seeds for staging on each newTag. */
    private static String markers(String entries) {
        StringBuilder text = new StringBuilder();
        String image = "";
        for (String line : entries.split("\n")) {
            if (line.contains("name: codestory/")) {
                image = line.substring(line.indexOf('/') + 1);
            }
            text.append(line);
            if (line.contains("newTag:")) {
                text.append(" # {\"$imagepolicy\": \"flux-system:code-story-staging-").append(image).append(":tag\"}");
            }
            text.append('\n');
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsWhatPeopleAndBotsWriteAndNamesEachMistake(String name, String environment, String specAddition,
                                                      String text, List<String> expected) {
        List<SpecProblem> problems = new ArrayList<>();
        ImageVersions versions = read(environment, specAddition, text, problems);
        String file = RepoLayout.imagesFile(environment);
        assertThat(problems.stream().map(SpecProblem::toString).map(p -> p.replace(file, environment)).toList())
                .isEqualTo(expected);
        assertThat(versions).isNotNull();
        assertThat(versions.seeded()).isFalse();
    }

    @Test
    void theVersionsAreWhatTheFileSaysTagAndDigestApart() {
        List<SpecProblem> problems = new ArrayList<>();
        ImageVersions versions = read("prod", "", HEAD + PINNED.replace("newTag: 1.0.0\n  - name: codestory/web",
                "newTag: 1.0.1@" + DIGEST + " # {\"$imagepolicy\": \"flux-system:code-story-api:tag\"}\n"
                        + "  - name: codestory/web").replace("codestory/admin\n    newTag: 1.0.0",
                "codestory/admin\n    newName: registry.example.com:5000/team/admin\n    newTag: \"2.0\""),
                problems);
        assertThat(problems).isEmpty();
        assertThat(versions.of("codestory/api")).extracting(ImageVersions.Entry::tag, ImageVersions.Entry::digest,
                ImageVersions.Entry::latest).containsExactly("1.0.1", DIGEST, false);
        assertThat(versions.of("codestory/admin")).extracting(ImageVersions.Entry::newName, ImageVersions.Entry::tag)
                .containsExactly("registry.example.com:5000/team/admin", "2.0");
        assertThat(versions.of("codestory/other").latest()).as("an image without an entry runs untagged").isTrue();
    }

    @Test
    void theSpecSeedsANewEnvironmentOneEntryPerImageName() {
        Environment prod = SpecLoader.parse("prod", "overlays/prod/env.yaml", TestRepo.fixtureSpec("prod")
                .replace("s3:", "global:\n  imageRegistry: registry.example.com\n\ns3:"));
        assertThat(prod.images().seeded()).isTrue();
        assertThat(prod.images().entries()).extracting(ImageVersions.Entry::name, ImageVersions.Entry::newName,
                ImageVersions.Entry::newTag).containsExactly(
                tuple("codestory/admin", "registry.example.com/codestory/admin", "1.0.0"),
                tuple("codestory/api", "registry.example.com/codestory/api", "1.0.0"),
                tuple("codestory/web", "registry.example.com/codestory/web", "1.0.0"));
    }

    /**
     * The spec's tags only seed: a staging spec that names none (so 'latest' by default) is refused for a new
     * environment, whose images file would be seeded from it, and accepted once its images file pins the versions.
     */
    @Test
    void theSpecsTagsAreCheckedOnlyWhileTheySeed(@TempDir Path temp) {
        TestRepo repo = TestRepo.withFixtureSpecs(temp);
        String staging = RepoLayout.specFile("staging");
        repo.write(staging, repo.read(staging).replace("celeryBeat:\n  image:\n    tag: \"1.0.0\"\n", "")
                .replace("  image:\n    tag: \"1.0.0\"\n", ""));
        assertThat(repo.read(staging)).doesNotContain("tag:");
        assertThatThrownBy(() -> SpecLoader.loadAll(repo.root)).isInstanceOf(SpecException.class)
                .hasMessageContaining("overlays/staging/env.yaml:6:3: api.image.tag: 'latest' is refused outside tier"
                        + " development: pin a version tag or a digest (the spec's tags seed a new environment's"
                        + " overlays/staging/images/kustomization.yaml; or copy another environment's images file"
                        + " there)");
        repo.write(RepoLayout.imagesFile("staging"), HEAD + PINNED);
        Environment pinned = SpecLoader.loadAll(repo.root).stream().filter(e -> e.name().equals("staging"))
                .findFirst().orElseThrow();
        assertThat(pinned.images().of("codestory/api").tag()).isEqualTo("1.0.0");
        assertThat(ImageVersions.staleSeeds(pinned)).as("a tag the spec does not write is no stale seed").isEmpty();
    }

    /** Once the file sets the versions, spec keys that still say another one are pointed out, not used. */
    @Test
    void aSeedThatNoLongerSaysWhatRunsIsNamed() {
        List<SpecProblem> problems = new ArrayList<>();
        Environment prod = SpecLoader.parse("prod", "overlays/prod/env.yaml", TestRepo.fixtureSpec("prod"));
        ImageVersions bumped = ImagesFile.read("overlays/prod/images/kustomization.yaml", HEAD + PINNED.replace(
                "newTag: 1.0.0\n  - name: codestory/web", "newTag: 1.0.1\n  - name: codestory/web"), prod, problems);
        assertThat(problems).isEmpty();
        assertThat(ImageVersions.staleSeeds(prod.withImages(bumped))).containsExactly(
                "overlays/prod/env.yaml:7:10: api.image.tag: '1.0.0' only seeded overlays/prod/images/kustomization"
                        + ".yaml, which sets '1.0.1' (what prod runs): remove the key from the spec",
                "overlays/prod/env.yaml:21:10: celeryWorker.image.tag: '1.0.0' only seeded overlays/prod/images/"
                        + "kustomization.yaml, which sets '1.0.1' (what prod runs): remove the key from the spec",
                "overlays/prod/env.yaml:35:10: celeryBeat.image.tag: '1.0.0' only seeded overlays/prod/images/"
                        + "kustomization.yaml, which sets '1.0.1' (what prod runs): remove the key from the spec");
        assertThat(ImageVersions.staleSeeds(prod)).as("while it seeds, the spec says what runs").isEmpty();
    }

    private static ImageVersions read(String environment, String specAddition, String text,
                                      List<SpecProblem> problems) {
        Environment bound = SpecLoader.parse(environment, "overlays/" + environment + "/env.yaml",
                TestRepo.fixtureSpec(environment) + "\n" + specAddition);
        return ImagesFile.read(RepoLayout.imagesFile(environment), text, bound, problems);
    }
}
