package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * external-secrets: an ExternalSecret that fills the app Secret, every key the chosen components need, from a
 * SecretStore or ClusterSecretStore. Fields the operator would default are written out, so a controller that
 * compares live and desired state sees no difference.
 */
public final class ExternalSecrets implements ResourceFactory {

    public static final String API_VERSION = "external-secrets.io/v1";

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        if (!spec.has(Component.EXTERNAL_SECRETS)) {
            return List.of();
        }
        EnvSpec.ExternalSecrets secrets = spec.externalSecrets();
        String remoteKey = secrets.remoteKey().isEmpty() ? "code-story/" + environment.name() : secrets.remoteKey();
        List<Object> data = new ArrayList<>();
        for (SecretKeys key : keys(spec)) {
            Map<String, Object> remoteRef = new LinkedHashMap<>();
            remoteRef.put("key", remoteKey);
            remoteRef.put("property", key.key());
            remoteRef.put("conversionStrategy", "Default");
            remoteRef.put("decodingStrategy", "None");
            remoteRef.put("metadataPolicy", "None");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("secretKey", key.key());
            entry.put("remoteRef", remoteRef);
            data.add(entry);
        }
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", Names.SECRET);
        target.put("creationPolicy", "Owner");
        target.put("deletionPolicy", "Retain");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refreshInterval", secrets.refreshInterval());
        body.put("secretStoreRef", Map.of("kind", secrets.storeKind().specValue(), "name", secrets.storeName()));
        body.put("target", target);
        body.put("data", data);
        return List.of(CustomResources.of(API_VERSION, "ExternalSecret", Names.SECRET, "secrets", body));
    }

    /** The app's keys, plus the data stores' passwords where a bundled store or KEDA reads them. */
    public static List<SecretKeys> keys(EnvSpec spec) {
        List<SecretKeys> keys = new ArrayList<>(SecretKeys.APP);
        if (spec.has(Component.BUNDLED_POSTGRES)) {
            keys.add(SecretKeys.POSTGRES_PASSWORD);
        }
        if (spec.has(Component.BUNDLED_REDIS) || spec.has(Component.KEDA_SCALING)) {
            keys.add(SecretKeys.REDIS_PASSWORD);
        }
        return keys;
    }
}
