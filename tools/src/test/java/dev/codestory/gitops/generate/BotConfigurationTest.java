package dev.codestory.gitops.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.controllers.ArgoCd;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the repository ships to turn the bots on agrees with what regen generates: Renovate bumps exactly the images
 * files, and the workflow re-records goldens on the bots' branches only when nothing but versions changed.
 */
class BotConfigurationTest {

    private static final String BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com";

    private static String projectFile(String path) throws IOException {
        return Files.readString(TestRepo.projectRoot().resolve(path), StandardCharsets.UTF_8);
    }

    /** Every file of the generated fixture repository, by repository-relative path. */
    private static List<String> fixtureFiles() throws IOException {
        Path root = FixtureRepository.get().root;
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void renovateBumpsExactlyTheImagesFiles() throws IOException {
        JsonNode renovate = new ObjectMapper().readTree(projectFile("renovate.json"));
        assertThat(renovate.path("enabledManagers")).extracting(JsonNode::asText).containsExactly("kustomize");
        JsonNode rules = renovate.path("packageRules");
        assertThat(rules.get(0).path("enabled").asBoolean(true)).isFalse();
        assertThat(rules.get(0).has("matchFileNames")).isFalse();
        JsonNode images = rules.get(1);
        assertThat(images.path("enabled").asBoolean()).isTrue();
        assertThat(images.path("matchFileNames")).hasSize(1);
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + images.path("matchFileNames").get(0)
                .asText());

        List<String> matched = fixtureFiles().stream().filter(path -> glob.matches(Path.of(path))).toList();
        assertThat(matched).containsExactlyElementsOf(TestRepo.FIXTURE_ENVIRONMENTS.stream()
                .map(RepoLayout::imagesFile).sorted().toList());
        // and were the rule gone, the kustomize manager would find no other image in the generated kustomizations
        YamlRenderer renderer = YamlRenderer.instance();
        for (String path : fixtureFiles()) {
            if (path.endsWith("/" + RepoLayout.KUSTOMIZATION) && !matched.contains(path)) {
                JsonNode kustomization = renderer.parse(FixtureRepository.get().read(path)).get(0);
                assertThat(kustomization.has("images")).as(path).isFalse();
            }
        }
        assertThat(renovate.path("gitIgnoredAuthors")).extracting(JsonNode::asText).containsExactly(BOT_EMAIL);
        // one pull request per environment with every image of a release: grouped, and a branch per images file
        assertThat(images.path("groupName").asText()).isNotBlank();
        assertThat(images.path("additionalBranchPrefix").asText()).contains("{{packageFileDir}}");
    }

    @Test
    void theWorkflowRerecordsGoldensOnTheBotsBranchesOnly() throws IOException {
        String text = projectFile(".github/workflows/bot-goldens.yml");
        JsonNode workflow = YamlRenderer.instance().parse(text).get(0);
        assertThat(workflow.path("on").has("pull_request")).isTrue();
        JsonNode job = workflow.path("jobs").path("regen");
        assertThat(job.path("if").asText()).contains("github.event.pull_request.head.repo.full_name == github"
                + ".repository").contains("'renovate/'").contains("'flux-image-updates'")
                .contains("'" + ArgoCd.IMAGE_UPDATER_BRANCH + "'");
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> runs.add(step.path("run").asText()));
        assertThat(String.join("\n", runs)).contains("code-story-gitops.jar regen --goldens\n")
                .contains("user.email='" + BOT_EMAIL + "'").contains("gh workflow run review.yml");
        assertThat(projectFile("README.md")).contains("push:\n      branch: flux-image-updates");
    }

    /**
     * The rendered diff is computed and commented also when an earlier check fails: a stale tree or a finding is
     * when reviewers need it most (and its note says the tree is stale), as long as the tool was built.
     */
    @Test
    void theReviewCommentsTheRenderedDiffAlsoWhenACheckBeforeItFails() throws IOException {
        JsonNode workflow = YamlRenderer.instance().parse(projectFile(".github/workflows/review.yml")).get(0);
        JsonNode build = null;
        List<JsonNode> after = new ArrayList<>();
        for (JsonNode job : workflow.path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                if (step.path("run").asText().contains("package")) {
                    build = step;
                } else if (step.path("run").asText().contains(" diff ") || step.path("run").asText()
                        .contains("gh pr comment")) {
                    after.add(step);
                }
            }
        }
        assertThat(build).isNotNull();
        assertThat(after).hasSize(2);
        for (JsonNode step : after) {
            assertThat(step.path("if").asText()).as(step.path("name").asText()).contains("!cancelled()")
                    .contains("steps." + build.path("id").asText() + ".outcome == 'success'");
        }
    }

    /** The workflow's own test of a branch: versions and regen's output pass, anything else goes to a person. */
    @Test
    void theWorkflowLeavesAnyOtherChangeToAPerson() throws IOException {
        String text = projectFile(".github/workflows/bot-goldens.yml");
        Matcher others = Pattern.compile("others=.*grep -Ev '([^']+)'").matcher(text);
        Matcher inputs = Pattern.compile("inputs=.*grep -E '([^']+)'").matcher(text);
        assertThat(others.find()).isTrue();
        assertThat(inputs.find()).isTrue();
        Pattern regens = Pattern.compile(others.group(1));
        Pattern hand = Pattern.compile(inputs.group(1));
        for (String path : List.of("overlays/prod/images/kustomization.yaml", "overlays/prod/kustomization.yaml",
                "overlays/dev/migrate/code-story-migrate-job.yaml", "overlays/prod.secondary/kustomization.yaml",
                "rendered/prod.yaml", "generated.lock", "base/code-story-api-deployment.yaml",
                "clusters/argocd/code-story-prod-us-east-1-application.yaml")) {
            assertThat(regens.matcher(path).find() && !hand.matcher(path).find()).as(path).isTrue();
        }
        for (String path : List.of("overlays/prod/env.yaml", "overlays/prod/local/kustomization.yaml",
                "tools/pom.xml", ".github/workflows/review.yml", "renovate.json", "README.md", "bin/code-story-gitops")) {
            assertThat(regens.matcher(path).find() && !hand.matcher(path).find()).as(path).isFalse();
        }
    }
}
