package dev.codestory.gitops.objects;

/** Plain, stable object names. Environments are separated by namespace, never by prefixes or hashes. */
public final class Names {

    public static final String APP = "code-story";
    public static final String API = "code-story-api";
    public static final String CELERY_WORKER = "code-story-celery-worker";
    public static final String CELERY_BEAT = "code-story-celery-beat";
    public static final String WEB = "code-story-web";
    public static final String ADMIN = "code-story-admin";
    public static final String MIGRATE = "code-story-migrate";
    /** A secondary cluster's Job that waits for the primary's migration (its component label is the same word). */
    public static final String MIGRATION_WAIT = "code-story-migration-wait";
    public static final String MIGRATION_WAIT_COMPONENT = "migration-wait";
    public static final String CONFIG = "code-story-config";
    /** The one Secret the app reads; filled out of band (dev) or by external-secrets, never from Git. */
    public static final String SECRET = "code-story-secrets";

    private Names() {
    }
}
