package dev.codestory.gitops.spec;

import java.util.List;
import java.util.Map;

/**
 * One environment, as its spec file says after the defaults are applied. Key names follow the seed chart's
 * values.yaml so that a Helm user recognises them; the defaults live only in {@code defaults.yaml}.
 */
public record EnvSpec(
        Tier tier,
        String namespace,
        Map<String, String> labels,
        List<Component> components,
        Global global,
        Api api,
        CeleryWorker celeryWorker,
        CeleryBeat celeryBeat,
        Frontend web,
        Frontend admin,
        Migration migration,
        S3 s3,
        ServiceAccountSpec serviceAccount,
        Postgresql postgresql,
        ExternalDatabase externalDatabase,
        Redis redis,
        ExternalRedis externalRedis,
        Keda keda,
        NetworkPolicy networkPolicy,
        Metrics metrics,
        ExternalSecrets externalSecrets,
        Gitops gitops,
        Verify verify) {

    public boolean has(Component component) {
        return components.contains(component);
    }

    /** This spec with another set of components (to build base, or one component on its own). */
    public EnvSpec withComponents(List<Component> chosen) {
        return new EnvSpec(tier, namespace, labels, List.copyOf(chosen), global, api, celeryWorker, celeryBeat, web,
                admin, migration, s3, serviceAccount, postgresql, externalDatabase, redis, externalRedis, keda,
                networkPolicy, metrics, externalSecrets, gitops, verify);
    }

    /** The chosen components in the order they are applied. */
    public List<Component> orderedComponents() {
        return java.util.Arrays.stream(Component.values()).filter(components::contains).toList();
    }

    public enum Tier implements SpecEnum {
        DEVELOPMENT("development"), STAGING("staging"), PRODUCTION("production");

        private final String value;

        Tier(String value) {
            this.value = value;
        }

        @Override
        public String specValue() {
            return value;
        }
    }

    public enum PullPolicy implements SpecEnum {
        Always, IfNotPresent, Never;

        @Override
        public String specValue() {
            return name();
        }
    }

    public enum ServiceType implements SpecEnum {
        ClusterIP, NodePort, LoadBalancer;

        @Override
        public String specValue() {
            return name();
        }
    }

    public enum PathType implements SpecEnum {
        Prefix, Exact, ImplementationSpecific;

        @Override
        public String specValue() {
            return name();
        }
    }

    public record Global(String imageRegistry, List<String> imagePullSecrets, String storageClass) {
    }

    public record Image(String repository, String tag, String digest, PullPolicy pullPolicy) {
    }

    public record ResourceList(String cpu, String memory) {
    }

    public record Resources(ResourceList requests, ResourceList limits) {
    }

    public record ServiceSpec(ServiceType type, int port) {
    }

    /**
     * A path a container writes to under its read-only root file system: an {@code emptyDir} mounted there, with
     * an optional size limit.
     */
    public record WritablePath(String path, @Optional String sizeLimit) {

        /** The volume's name: the path's segments joined by '-' ({@code /var/cache/nginx}: var-cache-nginx). */
        public String volumeName() {
            return path.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        }
    }

    public record IngressPath(String path, PathType pathType) {
    }

    public record IngressHost(String host, @Optional List<IngressPath> paths) {
    }

    public record IngressTls(String secretName, List<String> hosts) {
    }

    public record IngressSpec(
            boolean enabled,
            String className,
            Map<String, String> annotations,
            List<IngressHost> hosts,
            List<IngressTls> tls,
            List<String> allowedSourceRanges) {
    }

    public record Autoscaling(
            boolean enabled,
            int minReplicas,
            int maxReplicas,
            @Optional Integer targetCPUUtilizationPercentage,
            @Optional Integer targetMemoryUtilizationPercentage) {
    }

    public record PodDisruptionBudget(boolean enabled, int minAvailable) {
    }

    public record Toleration(
            @Optional String key,
            @Optional String operator,
            @Optional String value,
            @Optional String effect,
            @Optional Long tolerationSeconds) {
    }

    public record Api(
            Image image,
            int replicaCount,
            ServiceSpec service,
            IngressSpec ingress,
            Resources resources,
            Autoscaling autoscaling,
            PodDisruptionBudget podDisruptionBudget,
            Map<String, String> nodeSelector,
            List<Toleration> tolerations,
            Affinity affinity,
            List<WritablePath> writablePaths) {
    }

    public record CeleryWorker(
            Image image,
            int replicaCount,
            List<String> command,
            Resources resources,
            Autoscaling autoscaling,
            Map<String, String> nodeSelector,
            List<Toleration> tolerations,
            Affinity affinity,
            List<WritablePath> writablePaths) {
    }

    public record CeleryBeat(boolean enabled, Image image, List<String> command, Resources resources,
                             List<WritablePath> writablePaths) {
    }

    public record Frontend(
            boolean enabled,
            int replicaCount,
            Image image,
            int containerPort,
            ServiceSpec service,
            IngressSpec ingress,
            Resources resources,
            List<WritablePath> writablePaths) {
    }

    public record Migration(List<String> command, List<String> waitCommand, Resources resources, int backoffLimit,
                            int activeDeadlineSeconds, int attempt, List<WritablePath> writablePaths) {
    }

    public record S3(String bucket, String region, String endpoint) {
    }

    public record ServiceAccountSpec(boolean create, Map<String, String> annotations, String name,
                                     boolean automountToken) {
    }

    public record Persistence(String size, String storageClass) {
    }

    public record PostgresqlAuth(String username, String database) {
    }

    public record PostgresqlPrimary(Persistence persistence, Resources resources) {
    }

    public record Postgresql(String image, PostgresqlAuth auth, PostgresqlPrimary primary) {
    }

    public record ExternalDatabase(String host, int port, String username, String database, String sslMode,
                                   String cidr) {
    }

    public record RedisMaster(Persistence persistence, Resources resources) {
    }

    public record Redis(String image, RedisMaster master) {
    }

    public record ExternalRedis(String host, int port, boolean tls, String cidr) {
    }

    public record Keda(String queue, int databaseIndex, int listLength, int activationListLength, int pollingInterval,
                       int cooldownPeriod, int scaleDownStabilizationSeconds, int maxTaskSeconds) {
    }

    public record Dns(String namespace, Map<String, String> podLabels, List<String> cidrs) {
    }

    public record NetworkPolicy(String ingressControllerNamespace, List<String> ingressFromCidrs, Dns dns,
                                List<String> httpsEgressExcept, List<String> privateHttpsCidrs,
                                String prometheusNamespace, String kedaNamespace) {
    }

    public record ServiceMonitor(String interval, String scrapeTimeout, Map<String, String> labels) {
    }

    public record Metrics(int port, String path, ServiceMonitor serviceMonitor) {
    }

    public enum StoreKind implements SpecEnum {
        SecretStore, ClusterSecretStore;

        @Override
        public String specValue() {
            return name();
        }
    }

    public record ExternalSecrets(StoreKind storeKind, String storeName, String remoteKey, String refreshInterval) {
    }

    public enum Controller implements SpecEnum {
        ARGOCD("argocd"), FLUX("flux");

        private final String value;

        Controller(String value) {
            this.value = value;
        }

        @Override
        public String specValue() {
            return value;
        }
    }

    /** The tool, besides people and Renovate, that writes new versions into the environment's images file. */
    public enum ImageUpdateTool implements SpecEnum {
        NONE("none"), FLUX("flux"), ARGOCD_IMAGE_UPDATER("argocd-image-updater");

        private final String value;

        ImageUpdateTool(String value) {
            this.value = value;
        }

        @Override
        public String specValue() {
            return value;
        }
    }

    /**
     * How image-automation tools find the environment's versions: Flux through {@code $imagepolicy} markers naming
     * ImagePolicies in {@code policyNamespace}; Argo CD Image Updater through annotations on the Application, with
     * an optional {@code allowTags} filter.
     */
    public record ImageUpdates(ImageUpdateTool tool, String policyNamespace, String allowTags) {
    }

    /** A cluster the environment is deployed to: Argo CD's cluster name and API server URL. */
    public record Cluster(String name, String server) {
    }

    public record Gitops(Controller controller, String repoURL, String revision, String secretRef,
                         List<Cluster> clusters, String primaryCluster, boolean automated, boolean prune,
                         boolean selfHeal, boolean deletionProtection, ImageUpdates imageUpdates) {

        /**
         * Whether a cluster runs what must run once per shared store (the migration and Celery beat): the primary,
         * or every cluster when none is named (one cluster, or each with its own bundled stores).
         */
        public boolean isPrimary(Cluster cluster) {
            return primaryCluster.isEmpty() || primaryCluster.equals(cluster.name());
        }

        /** Whether some cluster runs the environment without its migration and beat. */
        public boolean hasSecondaries() {
            return clusters.stream().anyMatch(cluster -> !isPrimary(cluster));
        }
    }

    /** A verify finding this environment accepts: the check's id, the resource ({@code Kind/name}) and why. */
    public record WaiverSpec(String check, String resource, String reason) {
        /**
         * The checks of {@code verify} whose findings a spec may waive: all but {@code tree} (a tree regen would
         * write differently is never accepted). verify's own list of checks is held to this one by a test.
         */
        public static final List<String> CHECKS = List.of("build", "golden", "schema", "references", "policy",
                "lifecycle", "matrix");
    }

    public record Verify(List<WaiverSpec> waivers) {
    }
}
