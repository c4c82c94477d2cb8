package dev.codestory.gitops.verify;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.codestory.gitops.yaml.RenderedObjects;
import dev.codestory.gitops.yaml.YamlRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * verify's secret scan on built objects (the policy check): keys as well as values, the forms the scan used to
 * miss, the config checksum left alone, and a long value answered at once.
 */
class SecretScanOfBuildsTest {

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {team: app}
              annotations: {checksum/config: 4f176a01fbd475878a3f718a4ea08695868aaa159cdd465c7391ec7eb8749a43}
            data:
              SETTING: plain
            """;

    @Test
    void theConfigChecksumIsNoFinding() {
        assertThat(PolicyCheckTest.check(CONFIG_MAP, false)).isEmpty();
    }

    @Test
    void keysNamedLikeSecretsOrThatAreSecrets() {
        String planted = CONFIG_MAP.replace("labels: {team: app}", "labels: {team: app, password: x,"
                + " ghp_abcdefghijklmnopqrstuvwxyz0123456789: y}")
                .replace("annotations: {", "annotations: {jwtSecret: z, ");
        assertThat(PolicyCheckTest.check(planted, false)).containsExactlyInAnyOrder(
                "ConfigMap/settings metadata.labels: a key here is named like a secret; secrets never go in Git (see"
                        + " README, 'Secrets')",
                "ConfigMap/settings metadata.labels: a key here looks like a secret value; secrets never go in Git"
                        + " (see README, 'Secrets')",
                "ConfigMap/settings metadata.annotations: a key here is named like a secret; secrets never go in Git"
                        + " (see README, 'Secrets')");
    }

    @Test
    void hexKeysTokensAndUpperCaseUrlCredentials() {
        String planted = CONFIG_MAP.replace("SETTING: plain", """
                KEY: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                  TOKEN: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U
                  URL: HTTPS://user:pass@example.com""");
        assertThat(PolicyCheckTest.check(planted, false)).containsExactlyInAnyOrder(
                "ConfigMap/settings data.KEY: looks like a secret value; secrets never go in Git (see README, 'Secrets')",
                "ConfigMap/settings data.TOKEN: looks like a secret value; secrets never go in Git (see README,"
                        + " 'Secrets')",
                "ConfigMap/settings data.URL: looks like a secret value; secrets never go in Git (see README,"
                        + " 'Secrets')");
    }

    @Test
    void aLongValueIsAnsweredAtOnce() throws Exception {
        for (String value : new String[] {"a".repeat(60_000), "a:".repeat(30_000), "x://" + "a".repeat(60_000),
                "a".repeat(1 << 20)}) {
            ObjectNode object = (ObjectNode) YamlRenderer.instance().mapper().readTree(CONFIG_MAP);
            ((ObjectNode) object.get("data")).put("LONG", value);
            Map<String, JsonNode> objects = Map.of(RenderedObjects.key(object), object);
            long start = System.nanoTime();
            assertThat(PolicyCheck.check("test", false, objects)).isEmpty();
            assertThat(System.nanoTime() - start).as("%d characters", value.length()).isLessThan(1_000_000_000L);
        }
    }
}
