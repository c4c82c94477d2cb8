package dev.codestory.gitops.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.verify.CheckId;
import dev.codestory.gitops.verify.Finding;
import dev.codestory.gitops.verify.Verification;
import dev.codestory.gitops.verify.Waiver;

import static org.assertj.core.api.Assertions.assertThat;

/** What verify prints for a result: the summary line, and the JSON document CI reads. */
class VerifyOutputTest {

    private static final Finding GOLDEN = new Finding("prod", "ScaledObject/code-story-celery-worker",
            "spec.minReplicaCount", "the build has 5, the golden file has 6", CheckId.GOLDEN);
    private static final Finding TREE = new Finding(Finding.NO_ENVIRONMENT, "base/x.yaml", "", "stale: regen would"
            + " remove it", CheckId.TREE);
    private static final Verification.Waived WAIVED = new Verification.Waived(new Finding("staging",
            "Deployment/code-story-admin", "spec.template.spec.containers[admin].image", "untagged", CheckId.POLICY),
            new Waiver("policy", "Deployment/code-story-admin", "a vendor image"));

    @Test
    void theSummaryCountsEnvironmentsFindingsWaiversAndChecks() {
        Verification result = new Verification(List.of(GOLDEN), List.of(WAIVED), 3, 20, Duration.ofMillis(2140));
        assertThat(VerifyCommand.summary(result)).isEqualTo("verify: 3 environments, 1 finding, 1 waived (20 checks"
                + " in 2.1 s)");
        assertThat(GOLDEN.toString()).isEqualTo("prod ScaledObject/code-story-celery-worker spec.minReplicaCount: the"
                + " build has 5, the golden file has 6 [golden]");
        assertThat(TREE.toString()).isEqualTo("- base/x.yaml: stale: regen would remove it [tree]");
    }

    @Test
    void theSameFieldChangeInThreeOrMoreResourcesIsOneLineAndGoldenChangesSayHowToRecord() {
        String label = "metadata.labels[\"app.kubernetes.io/version\"]";
        String bump = "the build has \"1.0.1\", the golden file has \"1.0.0\"";
        List<Finding> findings = List.of(
                new Finding("prod", "Namespace/code-story-prod", label, bump, CheckId.GOLDEN),
                new Finding("prod", "ConfigMap/code-story-config", label, bump, CheckId.GOLDEN),
                new Finding("prod", "Deployment/code-story-api", label, bump + "; also differs in spec.template.spec"
                        + ".containers[api].image", CheckId.GOLDEN),
                new Finding("prod", "Service/code-story-api", label, bump, CheckId.GOLDEN),
                new Finding("staging", "Service/code-story-api", label, bump, CheckId.GOLDEN),
                new Finding("staging", "Service/code-story-web", label, bump, CheckId.GOLDEN),
                TREE);
        Verification result = new Verification(findings, List.of(), 3, 20, Duration.ofMillis(2000));

        assertThat(VerifyCommand.text(result)).isEqualTo("""
                prod %1$s in 3 resources (Namespace/code-story-prod, ConfigMap/code-story-config, \
                Service/code-story-api): %2$s [golden]
                prod Deployment/code-story-api %1$s: %2$s; also differs in spec.template.spec.containers[api].image [golden]
                staging Service/code-story-api %1$s: %2$s [golden]
                staging Service/code-story-web %1$s: %2$s [golden]
                - base/x.yaml: stale: regen would remove it [tree]
                golden: if the builds above are the change you meant, re-record the goldens with regen --goldens \
                and review the diff of rendered/
                verify: 3 environments, 7 findings (20 checks in 2.0 s)
                """.formatted(label, bump));
        assertThat(VerifyCommand.text(new Verification(List.of(TREE), List.of(), 3, 20, Duration.ofMillis(2000))))
                .as("no golden finding, no advice on goldens").doesNotContain("regen --goldens");
    }

    @Test
    void aSharedLineNamesFiveResourcesAndCountsTheOthersWholeResourceFindingsStayAloneAndMissingGoldensNeedNoAdvice() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            findings.add(new Finding("prod", "ConfigMap/c" + i, "data.a", "the build has 2, the golden file has 1",
                    CheckId.GOLDEN));
        }
        Verification grouped = new Verification(findings, List.of(), 1, 5, Duration.ofMillis(1000));
        assertThat(VerifyCommand.text(grouped)).startsWith("prod data.a in 7 resources (ConfigMap/c1, ConfigMap/c2,"
                + " ConfigMap/c3, ConfigMap/c4, ConfigMap/c5 and 2 more): the build has 2, the golden file has 1"
                + " [golden]\n").contains("re-record the goldens with regen --goldens");

        Finding missing = new Finding("prod", "rendered/prod.yaml", "", "missing; re-record the goldens with regen"
                + " --goldens", CheckId.GOLDEN);
        Verification alone = new Verification(List.of(missing, missing, missing), List.of(), 1, 5,
                Duration.ofMillis(1000));
        assertThat(VerifyCommand.text(alone)).isEqualTo((missing + "\n").repeat(3)
                + "verify: 1 environment, 3 findings (5 checks in 1.0 s)\n");
    }

    @Test
    void jsonIsOneDocumentWithNullsForTheRepositoryAndEmptyFields() throws Exception {
        Verification result = new Verification(List.of(TREE, GOLDEN), List.of(WAIVED), 3, 20,
                Duration.ofMillis(1500));
        JsonNode document = new ObjectMapper().readTree(VerifyCommand.json(result));
        assertThat(document.path("findings")).hasSize(2);
        JsonNode tree = document.path("findings").get(0);
        assertThat(tree.get("env").isNull()).isTrue();
        assertThat(tree.get("field").isNull()).isTrue();
        JsonNode golden = document.path("findings").get(1);
        assertThat(golden.path("env").asText()).isEqualTo("prod");
        assertThat(golden.path("resource").asText()).isEqualTo("ScaledObject/code-story-celery-worker");
        assertThat(golden.path("field").asText()).isEqualTo("spec.minReplicaCount");
        assertThat(golden.path("problem").asText()).isEqualTo("the build has 5, the golden file has 6");
        assertThat(golden.path("check").asText()).isEqualTo("golden");
        assertThat(document.path("waived").get(0).path("reason").asText()).isEqualTo("a vendor image");
        JsonNode summary = document.path("summary");
        assertThat(summary.path("environments").asInt()).isEqualTo(3);
        assertThat(summary.path("findings").asInt()).isEqualTo(2);
        assertThat(summary.path("waived").asInt()).isEqualTo(1);
        assertThat(summary.path("checks").asInt()).isEqualTo(20);
        assertThat(summary.path("seconds").asDouble()).isEqualTo(1.5);
        assertThat(summary.path("ok").asBoolean()).isFalse();
    }

    @Test
    void aPrerequisiteIsListedNotCounted() throws Exception {
        Verification.Prerequisite secret = new Verification.Prerequisite("dev", "Secret/code-story-secrets",
                List.of("Deployment/code-story-api", "Deployment/code-story-web", "Job/code-story-migrate",
                        "StatefulSet/code-story-postgresql"));
        assertThat(VerifyCommand.prerequisite(secret)).isEqualTo("dev needs Secret/code-story-secrets from outside Git"
                + " before its first sync (read by Deployment/code-story-api, Deployment/code-story-web,"
                + " Job/code-story-migrate and 1 more)");
        Verification result = new Verification(List.of(), List.of(), 1, 7, Duration.ofMillis(900), List.of(secret));
        JsonNode document = new ObjectMapper().readTree(VerifyCommand.json(result));
        assertThat(document.at("/prerequisites/0/env").asText()).isEqualTo("dev");
        assertThat(document.at("/prerequisites/0/resource").asText()).isEqualTo("Secret/code-story-secrets");
        assertThat(document.at("/prerequisites/0/neededBy")).hasSize(4);
        assertThat(document.at("/summary/ok").asBoolean()).isTrue();
    }
}
