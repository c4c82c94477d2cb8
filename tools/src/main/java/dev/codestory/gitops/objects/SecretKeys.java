package dev.codestory.gitops.objects;

import java.util.List;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/** The keys of the app Secret (the seed chart's), and the environment variables that read them. */
public enum SecretKeys {
    DATABASE_URL("database-url"),
    REDIS_URL("redis-url"),
    CELERY_BROKER_URL("celery-broker-url"),
    CELERY_RESULT_BACKEND("celery-result-backend"),
    JWT_SECRET("jwt-secret"),
    ANTHROPIC_API_KEY("anthropic-api-key"),
    ELEVENLABS_API_KEY("elevenlabs-api-key"),
    GITHUB_TOKEN("github-token"),
    AWS_ACCESS_KEY_ID("aws-access-key-id"),
    AWS_SECRET_ACCESS_KEY("aws-secret-access-key"),
    /** The bundled PostgreSQL's password (it must match the one in database-url). */
    POSTGRES_PASSWORD("postgres-password"),
    /** Redis' password, for the bundled Redis and for KEDA's trigger (it must match the one in redis-url). */
    REDIS_PASSWORD("redis-password");

    /** The keys the app itself reads: the seed chart's. */
    public static final List<SecretKeys> APP = List.of(DATABASE_URL, REDIS_URL, CELERY_BROKER_URL,
            CELERY_RESULT_BACKEND, JWT_SECRET, ANTHROPIC_API_KEY, ELEVENLABS_API_KEY, GITHUB_TOKEN, AWS_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY);

    private final String key;

    SecretKeys(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public EnvVar envVar() {
        return new EnvVarBuilder().withName(name())
                .withNewValueFrom().withNewSecretKeyRef().withName(Names.SECRET).withKey(key).endSecretKeyRef()
                .endValueFrom().build();
    }

    public static List<EnvVar> envVars(SecretKeys... keys) {
        return java.util.Arrays.stream(keys).map(SecretKeys::envVar).toList();
    }
}
