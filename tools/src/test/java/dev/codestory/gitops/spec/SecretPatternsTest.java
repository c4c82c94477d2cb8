package dev.codestory.gitops.spec;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret scan: what it catches, what it leaves alone, and that it answers in linear time: every rule, fed a
 * megabyte built to make a backtracking pattern work hard, answers within a second all together.
 */
class SecretPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "sk-ant-api03-abcdefghijklmnop",
        "sk-abcdefghijklmnopqrstuvwx",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "github_pat_11ABCDEFG0abcdefghijklmnop_qrstuvwxyz",
        "AKIAIOSFODNN7EXAMPLE",
        "xoxb-1234567890-abcdefghij",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
        "postgresql://codestory:hunter2@db:5432/codestory",
        "HTTPS://user:pass@example.com",
        "Redis://:s3cret@redis:6379/0",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "9F86D081884C7D659A2FEAA0C55AD015",
        "jwt-secret=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "q8Zr2Lm9Xv4Tn7Ks1Pw6Yb3Hc5Jd0Fg8Ae2Ui4"})
    void catches(String secret) {
        assertThat(SecretPatterns.looksSecret(secret)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "code-story-api", "https://api.codestory.dev/path", "https://user@example.com", "https://user:@example.com",
        "redis://code-story-redis:6379/1", "kubernetes.io/hostname", "codestory/api:1.0.0",
        "codestory/api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "12345678901234567890123456789012345", "550e8400-e29b-41d4-a716-446655440000",
        "celery -A workers.celery_app worker --loglevel=info --concurrency=4"})
    void leavesAlone(String text) {
        assertThat(SecretPatterns.looksSecret(text)).isFalse();
    }

    @Test
    void aConfigChecksumIsADigestNotASecret() {
        String digest = "4f176a01fbd475878a3f718a4ea08695868aaa159cdd465c7391ec7eb8749a43";
        assertThat(SecretPatterns.looksSecret("checksum/config", digest)).isFalse();
        assertThat(SecretPatterns.looksSecret("example.com/key", digest)).isTrue();
    }

    static Stream<Arguments> keys() {
        return Stream.of(Arguments.of("password", true), Arguments.of("jwtSecret", true),
                Arguments.of("DB_PASSWORD", true), Arguments.of("api-key", true), Arguments.of("githubToken", true),
                Arguments.of("example.com/password", true), Arguments.of("example.com/access-token", true),
                Arguments.of("nginx.ingress.kubernetes.io/auth-secret", false),
                Arguments.of("nginx.ingress.kubernetes.io/auth-secret-type", false),
                Arguments.of("app.kubernetes.io/name", false), Arguments.of("team", false),
                Arguments.of("cert-manager.io/cluster-issuer", false));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void namesSecretKeys(String key, boolean secret) {
        assertThat(SecretPatterns.namesSecret(key)).isEqualTo(secret);
    }

    /**
     * Quarter-megabyte strings shaped against each rule: runs that almost match, repeated prefixes, long token runs.
     * A rule that rescans (quadratic) spends tens of seconds on one; a linear one milliseconds.
     */
    static List<String> adversarial() {
        int size = 1 << 18;
        return List.of(
                "a".repeat(size),
                "a:".repeat(size / 2),
                "a://".repeat(size / 4),
                "a://" + ":".repeat(size),
                "https://" + "u".repeat(size) + ":",
                "eyJ".repeat(size / 3),
                "eyJ" + "a".repeat(size) + ".eyJ",
                ("eyJ" + "a".repeat(20) + ".").repeat(size / 24),
                "sk-".repeat(size / 3),
                "github_pat_".repeat(size / 11),
                "AKIA".repeat(size / 4),
                "0a".repeat(size / 2) + "g",
                ("0123456789abcdef".repeat(2) + "z").repeat(size / 33),
                "sha256:" + "0a".repeat(size / 2),
                "-----BEGIN ".repeat(size / 11),
                "1s".repeat(size / 2));
    }

    @Test
    void everyRuleIsLinearOnLongInputs() {
        for (String input : adversarial()) {
            long start = System.nanoTime();
            SecretPatterns.looksSecret(input);
            SecretPatterns.looksSecret("checksum/config", input);
            SecretPatterns.namesSecret(input);
            long elapsed = System.nanoTime() - start;
            assertThat(elapsed).as("%s... (%d characters) in %d ms", input.substring(0, 12), input.length(),
                    elapsed / 1_000_000).isLessThan(1_000_000_000L);
        }
    }
}
