package dev.codestory.gitops.objects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * keda-scaling: a KEDA ScaledObject scales the Celery worker on the length of its Redis queue. Its trigger
 * reads the Redis host, port and password from the worker's own environment (hostFromEnv and friends), so the
 * same object works with the bundled and the managed Redis. The worker's HPA and replicas go (see
 * {@link CeleryResources}); the worker is tuned so that queue length is an honest signal.
 *
 * <p>The ScaledObject takes over the worker's HPA rather than racing it: KEDA's admission webhook refuses a
 * ScaledObject for a workload another HPA scales, unless the ScaledObject carries the transfer annotation and
 * names that HPA in {@code horizontalPodAutoscalerConfig.name} (keda apis/keda/v1alpha1/scaledobject_webhook.go,
 * verifyHpas). Both controllers apply it before they prune the old HPA, so without them the sync would fail.
 */
public final class KedaScaling implements ResourceFactory {

    public static final String API_VERSION = "keda.sh/v1alpha1";
    public static final String TRANSFER_HPA_OWNERSHIP = "scaledobject.keda.sh/transfer-hpa-ownership";

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        if (!spec.has(Component.KEDA_SCALING)) {
            return List.of();
        }
        EnvSpec.Keda keda = spec.keda();
        Map<String, Object> metadata = new TreeMap<>();
        metadata.put("hostFromEnv", "REDIS_HOST");
        metadata.put("portFromEnv", "REDIS_PORT");
        metadata.put("passwordFromEnv", "REDIS_PASSWORD");
        metadata.put("listName", keda.queue());
        metadata.put("listLength", Integer.toString(keda.listLength()));
        metadata.put("activationListLength", Integer.toString(keda.activationListLength()));
        metadata.put("databaseIndex", Integer.toString(keda.databaseIndex()));
        metadata.put("enableTLS", Boolean.toString(spec.has(Component.MANAGED_REDIS) && spec.externalRedis().tls()));

        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "redis");
        trigger.put("metadata", metadata);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name",
                Names.CELERY_WORKER));
        body.put("minReplicaCount", spec.celeryWorker().autoscaling().minReplicas());
        body.put("maxReplicaCount", spec.celeryWorker().autoscaling().maxReplicas());
        body.put("pollingInterval", keda.pollingInterval());
        body.put("cooldownPeriod", keda.cooldownPeriod());
        // the HPA KEDA creates keeps the worker HPA's name, so it adopts that HPA instead of running beside it
        Map<String, Object> hpa = new LinkedHashMap<>();
        hpa.put("name", Names.CELERY_WORKER);
        hpa.put("behavior", Map.of("scaleDown", Map.of("stabilizationWindowSeconds",
                keda.scaleDownStabilizationSeconds())));
        body.put("advanced", Map.of("horizontalPodAutoscalerConfig", hpa));
        body.put("triggers", List.of(trigger));
        HasMetadata scaledObject = CustomResources.of(API_VERSION, "ScaledObject", Names.CELERY_WORKER,
                CeleryResources.WORKER, body);
        scaledObject.getMetadata().setAnnotations(Map.of(TRANSFER_HPA_OWNERSHIP, "true"));
        return List.of(scaledObject);
    }

    /**
     * What the worker needs under KEDA: the trigger's host and credentials (its port, REDIS_PORT, the worker always
     * has) and Celery settings for an honest queue.
     */
    static List<EnvVar> workerEnv() {
        return List.of(
                Datastores.fromConfig("REDIS_HOST", Datastores.REDIS_CONFIG, "REDIS_HOST"),
                SecretKeys.REDIS_PASSWORD.envVar(),
                new EnvVarBuilder().withName("CELERY_WORKER_PREFETCH_MULTIPLIER").withValue("1").build(),
                new EnvVarBuilder().withName("CELERY_TASK_ACKS_LATE").withValue("true").build(),
                new EnvVarBuilder().withName("CELERY_TASK_REJECT_ON_WORKER_LOST").withValue("true").build());
    }
}
