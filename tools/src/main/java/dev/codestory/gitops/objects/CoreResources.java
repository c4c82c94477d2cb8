package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** The ServiceAccount and the ConfigMap of non-secret settings. */
public final class CoreResources implements ResourceFactory {

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        List<HasMetadata> resources = new ArrayList<>();
        resources.add(new ConfigMapBuilder()
                .withNewMetadata().withName(Names.CONFIG).addToLabels(Labels.COMPONENT, "config").endMetadata()
                .withData(configData(spec))
                .build());
        if (spec.serviceAccount().create()) {
            resources.add(new ServiceAccountBuilder()
                    .withNewMetadata().withName(serviceAccountName(spec))
                    .addToLabels(Labels.COMPONENT, "service-account")
                    .withAnnotations(spec.serviceAccount().annotations().isEmpty()
                            ? null : spec.serviceAccount().annotations())
                    .endMetadata()
                    .withAutomountServiceAccountToken(spec.serviceAccount().automountToken())
                    .build());
        }
        return resources;
    }

    public static Map<String, String> configData(EnvSpec spec) {
        Map<String, String> data = new TreeMap<>();
        data.put("ENVIRONMENT", spec.tier().specValue());
        data.put("AWS_S3_BUCKET", spec.s3().bucket());
        data.put("AWS_REGION", spec.s3().region());
        if (!spec.s3().endpoint().isEmpty()) {
            data.put("AWS_S3_ENDPOINT", spec.s3().endpoint());
        }
        return data;
    }

    public static String serviceAccountName(EnvSpec spec) {
        return spec.serviceAccount().name().isEmpty() ? Names.APP : spec.serviceAccount().name();
    }
}
