package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

/**
 * Where the database and Redis come from: bundled (a StatefulSet with a volume, in the namespace) or managed
 * (outside the cluster). Either way the coordinates are in ConfigMaps of the same names, code-story-database
 * and code-story-redis, so whatever reads them works with both.
 */
public final class Datastores implements ResourceFactory {

    static final String DATABASE_CONFIG = "code-story-database";
    static final String REDIS_CONFIG = "code-story-redis";
    /** The broker's port, in the Redis ConfigMap and in the worker's environment. */
    static final String REDIS_PORT = "REDIS_PORT";
    static final String POSTGRES = "code-story-postgresql";
    static final String REDIS = "code-story-redis";
    static final String POSTGRES_COMPONENT = "postgresql";
    static final String REDIS_COMPONENT = "redis";
    /** The uid and gid of the postgres and redis users in their official images. */
    static final long IMAGE_USER = 999L;

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        List<HasMetadata> resources = new ArrayList<>();
        if (spec.has(Component.BUNDLED_POSTGRES)) {
            resources.add(config(DATABASE_CONFIG, "database", database(POSTGRES, 5432,
                    spec.postgresql().auth().database(), spec.postgresql().auth().username(), null)));
            resources.addAll(postgres(spec));
        }
        if (spec.has(Component.MANAGED_DB)) {
            EnvSpec.ExternalDatabase db = spec.externalDatabase();
            resources.add(config(DATABASE_CONFIG, "database",
                    database(db.host(), db.port(), db.database(), db.username(), db.sslMode())));
        }
        if (spec.has(Component.BUNDLED_REDIS)) {
            resources.add(config(REDIS_CONFIG, "redis", redis(REDIS, 6379, false)));
            resources.addAll(redisServer(spec));
        }
        if (spec.has(Component.MANAGED_REDIS)) {
            EnvSpec.ExternalRedis redis = spec.externalRedis();
            resources.add(config(REDIS_CONFIG, "redis", redis(redis.host(), redis.port(), redis.tls())));
        }
        return resources;
    }

    private static Map<String, String> database(String host, int port, String name, String user, String sslMode) {
        Map<String, String> data = new TreeMap<>();
        data.put("DATABASE_HOST", host);
        data.put("DATABASE_PORT", Integer.toString(port));
        data.put("DATABASE_NAME", name);
        data.put("DATABASE_USER", user);
        if (sslMode != null) {
            data.put("DATABASE_SSLMODE", sslMode);
        }
        return data;
    }

    private static Map<String, String> redis(String host, int port, boolean tls) {
        Map<String, String> data = new TreeMap<>();
        data.put("REDIS_HOST", host);
        data.put("REDIS_PORT", Integer.toString(port));
        data.put("REDIS_TLS", Boolean.toString(tls));
        return data;
    }

    private static HasMetadata config(String name, String component, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name).addToLabels(Labels.COMPONENT, component).endMetadata()
                .withData(data)
                .build();
    }

    private static List<HasMetadata> postgres(EnvSpec spec) {
        EnvSpec.Postgresql postgres = spec.postgresql();
        List<String> ready = List.of("sh", "-c", "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
        var container = new ContainerBuilder()
                .withName("postgresql")
                .withImage(postgres.image())
                .withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("postgresql").withContainerPort(5432).withProtocol("TCP").endPort()
                .withEnv(fromConfig("POSTGRES_USER", DATABASE_CONFIG, "DATABASE_USER"),
                        fromConfig("POSTGRES_DB", DATABASE_CONFIG, "DATABASE_NAME"),
                        SecretKeys.POSTGRES_PASSWORD.envVar(),
                        new EnvVarBuilder().withName("PGDATA").withValue("/var/lib/postgresql/data/pgdata").build())
                .withReadinessProbe(Containers.execProbe(ready, 5, 10, 5))
                .withLivenessProbe(Containers.execProbe(ready, 30, 20, 5))
                .withResources(Containers.resources(postgres.primary().resources()))
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql/data").endVolumeMount()
                .addNewVolumeMount().withName("run").withMountPath("/var/run/postgresql").endVolumeMount()
                .build();
        return List.of(service(POSTGRES, POSTGRES_COMPONENT, "postgresql", 5432),
                statefulSet(POSTGRES, POSTGRES_COMPONENT, container,
                        claim(spec, postgres.primary().persistence()), List.of("run")));
    }

    private static List<HasMetadata> redisServer(EnvSpec spec) {
        EnvSpec.Redis redis = spec.redis();
        List<String> ping = List.of("sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG");
        var container = new ContainerBuilder()
                .withName("redis")
                .withImage(redis.image())
                .withImagePullPolicy("IfNotPresent")
                .withCommand("redis-server")
                .withArgs("--appendonly", "yes", "--dir", "/data", "--requirepass", "$(REDIS_PASSWORD)")
                .addNewPort().withName("redis").withContainerPort(6379).withProtocol("TCP").endPort()
                .withEnv(SecretKeys.REDIS_PASSWORD.envVar())
                .withReadinessProbe(Containers.execProbe(ping, 5, 10, 5))
                .withLivenessProbe(Containers.execProbe(ping, 30, 20, 5))
                .withResources(Containers.resources(redis.master().resources()))
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .build();
        return List.of(service(REDIS, REDIS_COMPONENT, "redis", 6379),
                statefulSet(REDIS, REDIS_COMPONENT, container, claim(spec, redis.master().persistence()), List.of()));
    }

    private static HasMetadata service(String name, String component, String port, int number) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).addToLabels(Labels.COMPONENT, component).endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.selector(component))
                .addNewPort().withName(port).withPort(number).withTargetPort(new IntOrString(port)).withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    private static HasMetadata statefulSet(String name, String component, io.fabric8.kubernetes.api.model.Container
            container, PersistentVolumeClaim claim, List<String> scratchVolumes) {
        var builder = new StatefulSetBuilder()
                .withNewMetadata().withName(name).addToLabels(Labels.COMPONENT, component).endMetadata()
                .withNewSpec()
                .withServiceName(name)
                .withReplicas(1)
                .withNewSelector().withMatchLabels(Labels.selector(component)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.selector(component))
                .addToAnnotations("kubectl.kubernetes.io/default-container", container.getName()).endMetadata()
                .withNewSpec()
                .withNewSecurityContext().withRunAsUser(IMAGE_USER).endSecurityContext()
                .addToContainers(container)
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(claim)
                .endSpec();
        for (String volume : scratchVolumes) {
            builder.editSpec().editTemplate().editSpec().addNewVolume().withName(volume).withNewEmptyDir()
                    .endEmptyDir().endVolume().endSpec().endTemplate().endSpec();
        }
        return builder.build();
    }

    private static PersistentVolumeClaim claim(EnvSpec spec, EnvSpec.Persistence persistence) {
        String storageClass = !persistence.storageClass().isEmpty() ? persistence.storageClass()
                : spec.global().storageClass();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data").endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass.isEmpty() ? null : storageClass)
                .withNewResources().addToRequests("storage", new Quantity(persistence.size())).endResources()
                .endSpec()
                .build();
    }

    static EnvVar fromConfig(String name, String configMap, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewConfigMapKeyRef().withName(configMap)
                .withKey(key).endConfigMapKeyRef().endValueFrom().build();
    }
}
