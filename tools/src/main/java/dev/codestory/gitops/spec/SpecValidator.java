package dev.codestory.gitops.spec;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.EnvSpec.Autoscaling;
import dev.codestory.gitops.spec.EnvSpec.Image;
import dev.codestory.gitops.spec.EnvSpec.IngressSpec;
import dev.codestory.gitops.spec.EnvSpec.Resources;
import io.fabric8.kubernetes.api.model.Quantity;

import static dev.codestory.gitops.spec.KubernetesNames.DNS_LABEL;
import static dev.codestory.gitops.spec.KubernetesNames.DNS_SUBDOMAIN;
import static dev.codestory.gitops.spec.KubernetesNames.LABEL_NAME;

/** The rules a bound spec must obey beyond its types: values Kubernetes would refuse, and combinations that fail. */
final class SpecValidator {

    private static final Pattern QUANTITY = Pattern.compile(
            "\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+|[a-z0-9-]+");

    private final Environment environment;
    private final List<SpecProblem> problems = new ArrayList<>();

    private SpecValidator(Environment environment) {
        this.environment = environment;
    }

    static List<SpecProblem> validate(Environment environment) {
        SpecValidator validator = new SpecValidator(environment);
        validator.run();
        return validator.problems;
    }

    private void run() {
        EnvSpec spec = environment.spec();
        if (!spec.namespace().isEmpty()) {
            dnsLabel("namespace", spec.namespace());
        }
        labels("labels", spec.labels());
        if (!spec.global().imageRegistry().isEmpty() && !ImageReferences.isRegistry(spec.global().imageRegistry())) {
            report("global.imageRegistry", "'" + spec.global().imageRegistry() + "' is not a registry host[:port][/path]");
        }
        forEach("global.imagePullSecrets", spec.global().imagePullSecrets(), this::dnsSubdomain);
        if (!spec.global().storageClass().isEmpty()) {
            dnsSubdomain("global.storageClass", spec.global().storageClass());
        }

        images();

        var api = spec.api();
        count("api.replicaCount", api.replicaCount());
        port("api.service.port", api.service().port());
        ingress("api.ingress", api.ingress());
        resources("api.resources", api.resources());
        autoscaling("api.autoscaling", api.autoscaling());
        if (api.podDisruptionBudget().enabled()) {
            int minAvailable = api.podDisruptionBudget().minAvailable();
            count("api.podDisruptionBudget.minAvailable", minAvailable);
            int replicas = api.autoscaling().enabled() ? api.autoscaling().minReplicas() : api.replicaCount();
            if (minAvailable >= replicas && minAvailable > 0) {
                report("api.podDisruptionBudget.minAvailable", "minAvailable " + minAvailable + " with at least "
                        + replicas + " replica(s) would block every node drain; use a value below " + replicas);
            }
        }
        labels("api.nodeSelector", api.nodeSelector());
        SchedulingRules.check("api", api.tolerations(), api.affinity(), this::report);
        writablePaths("api.writablePaths", api.writablePaths());

        var worker = spec.celeryWorker();
        count("celeryWorker.replicaCount", worker.replicaCount());
        command("celeryWorker.command", worker.command());
        resources("celeryWorker.resources", worker.resources());
        autoscaling("celeryWorker.autoscaling", worker.autoscaling());
        labels("celeryWorker.nodeSelector", worker.nodeSelector());
        SchedulingRules.check("celeryWorker", worker.tolerations(), worker.affinity(), this::report);
        writablePaths("celeryWorker.writablePaths", worker.writablePaths());

        if (spec.celeryBeat().enabled()) {
            command("celeryBeat.command", spec.celeryBeat().command());
            resources("celeryBeat.resources", spec.celeryBeat().resources());
            writablePaths("celeryBeat.writablePaths", spec.celeryBeat().writablePaths());
        }
        frontend("web", spec.web());
        frontend("admin", spec.admin());

        command("migration.command", spec.migration().command());
        command("migration.waitCommand", spec.migration().waitCommand());
        resources("migration.resources", spec.migration().resources());
        count("migration.backoffLimit", spec.migration().backoffLimit());
        atLeast("migration.attempt", spec.migration().attempt(), 1);
        if (spec.migration().activeDeadlineSeconds() < 1) {
            report("migration.activeDeadlineSeconds", "must be at least 1");
        }
        writablePaths("migration.writablePaths", spec.migration().writablePaths());

        s3(spec.s3());
        var sa = spec.serviceAccount();
        if (!sa.name().isEmpty()) {
            dnsSubdomain("serviceAccount.name", sa.name());
        } else if (!sa.create()) {
            report("serviceAccount.name", "with serviceAccount.create: false, name the existing ServiceAccount");
        }
        annotations("serviceAccount.annotations", sa.annotations());
        components();
        gitops();
        waivers();
        namespaceOfItsOwn();
        appLabelsKept();
    }

    /** Namespaces regen must never write into: its Namespace object would relabel them, and pruning delete them. */
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public",
            "kube-node-lease");
    /** Where the GitOps controllers run (controllers.ArgoCd, controllers.Flux). */
    private static final Set<String> CONTROLLER_NAMESPACES = Set.of("argocd", "flux-system");

    /**
     * The environment's namespace is its own: not a system namespace ({@code default}, {@code kube-*}), not a
     * controller's, and none the spec names for another system (the ingress controller, DNS, Prometheus, KEDA).
     * Each overlay writes a Namespace object (labelled for Pod Security "restricted"), so another namespace would
     * be relabelled, and deleted when the environment is pruned.
     */
    private void namespaceOfItsOwn() {
        String namespace = environment.namespace();
        String path = "namespace";
        if (SYSTEM_NAMESPACES.contains(namespace) || namespace.startsWith("kube-")) {
            report(path, "'" + namespace + "' is a Kubernetes system namespace; an environment needs one of its own"
                    + " (regen writes its Namespace object, and pruning the environment would delete it)");
        } else if (CONTROLLER_NAMESPACES.contains(namespace)) {
            report(path, "'" + namespace + "' is where the GitOps controller runs; an environment needs a namespace"
                    + " of its own");
        } else {
            var network = environment.spec().networkPolicy();
            Map<String, String> others = new LinkedHashMap<>();
            others.put("networkPolicy.ingressControllerNamespace", network.ingressControllerNamespace());
            others.put("networkPolicy.dns.namespace", network.dns().namespace());
            others.put("networkPolicy.prometheusNamespace", network.prometheusNamespace());
            others.put("networkPolicy.kedaNamespace", network.kedaNamespace());
            others.forEach((key, other) -> {
                if (namespace.equals(other)) {
                    report(path, "'" + namespace + "' is the namespace " + key + " names for another system; an"
                            + " environment needs one of its own");
                }
            });
        }
    }

    /** The labels regen sets on every object from what the app is; an environment's labels may not replace them. */
    private static final Set<String> APP_LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component", "app.kubernetes.io/part-of", "app.kubernetes.io/version",
            "app.kubernetes.io/managed-by");

    private void appLabelsKept() {
        EnvSpec spec = environment.spec();
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        sets.put("labels", spec.labels());
        sets.put("metrics.serviceMonitor.labels", spec.metrics().serviceMonitor().labels());
        sets.forEach((path, labels) -> labels.keySet().stream().filter(APP_LABELS::contains).forEach(key ->
                report(path + "." + key, "'" + key + "' is set by regen from what the app is (selectors and"
                        + " tools rely on it); an environment's labels may not override it")));
    }

    private void waivers() {
        List<EnvSpec.WaiverSpec> waivers = environment.spec().verify().waivers();
        List<String> checks = EnvSpec.WaiverSpec.CHECKS;
        for (int i = 0; i < waivers.size(); i++) {
            EnvSpec.WaiverSpec waiver = waivers.get(i);
            String path = "verify.waivers[" + i + "]";
            if (!checks.contains(waiver.check())) {
                report(path + ".check", "'" + waiver.check() + "' is not a check that can be waived; one of " + checks
                        + SpecBinder.suggestion(waiver.check(), checks));
            }
            if (!waiver.resource().matches("[A-Za-z]+/[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
                report(path + ".resource", "'" + waiver.resource() + "' is not Kind/name (e.g. Deployment/code-story-api)");
            }
            if (waiver.reason().isBlank()) {
                report(path + ".reason", "say why this finding is accepted");
            }
        }
    }

    private void gitops() {
        EnvSpec.Gitops gitops = environment.spec().gitops();
        // ssh:// may name the login user (ssh://git@host/org/repo, which Flux needs for a deploy key); no password
        if (!gitops.repoURL().matches("https://[^\\s@]+|ssh://([A-Za-z0-9._-]+@)?[^\\s@:/]+(:[0-9]+)?/[^\\s@]+"
                + "|git@[A-Za-z0-9.-]+:[^\\s]+")) {
            report("gitops.repoURL", "'" + gitops.repoURL() + "' is not an https://, ssh:// or git@host: repository URL"
                    + " (without credentials)");
        }
        if (!gitops.revision().matches("[A-Za-z0-9._/-]+")) {
            report("gitops.revision", "'" + gitops.revision() + "' is not a branch, tag or commit");
        }
        if (!gitops.secretRef().isEmpty()) {
            dnsSubdomain("gitops.secretRef", gitops.secretRef());
        } else if (gitops.controller() == EnvSpec.Controller.FLUX) {
            for (String key : List.of("gitops.repoURL", "gitops.revision")) {
                if (!environment.isDefault(key)) {
                    report(key, "without gitops.secretRef, Flux syncs from its bootstrap GitRepository flux-system"
                            + " (the repository and branch flux bootstrap was given), so this would be ignored; name"
                            + " the Secret with this repository's credentials in gitops.secretRef");
                }
            }
        }
        if (gitops.clusters().isEmpty()) {
            report("gitops.clusters", "name at least one cluster");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < gitops.clusters().size(); i++) {
            EnvSpec.Cluster cluster = gitops.clusters().get(i);
            String path = "gitops.clusters[" + i + "]";
            dnsLabel(path + ".name", cluster.name());
            if (!names.add(cluster.name())) {
                report(path + ".name", "'" + cluster.name() + "' is listed twice");
            }
            if (!cluster.server().matches("https://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\\s]*)?")) {
                report(path + ".server", "'" + cluster.server() + "' is not an https:// API server URL");
            }
            String application = "code-story-" + environment.name() + "-" + cluster.name();
            if (application.length() > 63) {
                report(path + ".name", "'" + application + "' (the Application's name) is longer than 63 characters");
            }
        }
        primaryCluster(gitops);
        imageUpdates(gitops);
    }

    private void imageUpdates(EnvSpec.Gitops gitops) {
        EnvSpec.ImageUpdates updates = gitops.imageUpdates();
        if (updates.tool() == EnvSpec.ImageUpdateTool.ARGOCD_IMAGE_UPDATER
                && gitops.controller() != EnvSpec.Controller.ARGOCD) {
            report("gitops.imageUpdates.tool", "argocd-image-updater reads its settings from the environment's Argo CD"
                    + " Application, and this environment is synced by " + gitops.controller().specValue());
        }
        dnsLabel("gitops.imageUpdates.policyNamespace", updates.policyNamespace());
        String allow = updates.allowTags();
        if (!allow.isEmpty() && !allow.equals("any")) {
            if (!allow.startsWith("regexp:")) {
                report("gitops.imageUpdates.allowTags", "'" + allow + "' is neither regexp:<expression> nor any");
            } else {
                try {
                    Pattern.compile(allow.substring("regexp:".length()));
                } catch (java.util.regex.PatternSyntaxException e) {
                    report("gitops.imageUpdates.allowTags", "'" + allow + "' is not a valid regular expression ("
                            + e.getDescription() + ")");
                }
            }
        }
    }

    /**
     * One migration and one Celery beat per shared store: clusters that share a managed database or Redis need one
     * primary that runs both; clusters with their own bundled stores each run their own, so none is primary.
     */
    private void primaryCluster(EnvSpec.Gitops gitops) {
        EnvSpec spec = environment.spec();
        String primary = gitops.primaryCluster();
        List<String> clusters = gitops.clusters().stream().map(EnvSpec.Cluster::name).toList();
        if (!primary.isEmpty() && !clusters.contains(primary)) {
            report("gitops.primaryCluster", "'" + primary + "' is not one of gitops.clusters " + clusters);
            return;
        }
        if (clusters.size() < 2) {
            return;
        }
        boolean sharedDatabase = spec.has(Component.MANAGED_DB);
        boolean sharedRedis = spec.has(Component.MANAGED_REDIS);
        if (spec.has(Component.BUNDLED_POSTGRES) && sharedRedis) {
            report("components", "on " + clusters.size() + " clusters, bundled-postgres gives each its own database"
                    + " while managed-redis gives them one broker: a task queued by one cluster would run against"
                    + " another's database; use managed-db, or bundled-redis");
        } else if (sharedDatabase && primary.isEmpty()) {
            report("gitops.primaryCluster", clusters.size() + " clusters " + clusters + " share the database at "
                    + spec.externalDatabase().host() + ": name the one that runs the migration and Celery beat (the"
                    + " others run neither; two would run every periodic task twice and migrate the database twice"
                    + " at once)");
        } else if (spec.has(Component.BUNDLED_POSTGRES) && !primary.isEmpty()) {
            report("gitops.primaryCluster", "each of the " + clusters.size() + " clusters has its own bundled"
                    + " database and Redis, so each must run its own migration and beat; remove gitops.primaryCluster");
        }
    }

    /** Which components may go together, and what each needs from the spec. */
    private void components() {
        EnvSpec spec = environment.spec();
        List<Component> chosen = spec.components();
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.indexOf(chosen.get(i)) != i) {
                report("components[" + i + "]", "'" + chosen.get(i).specValue() + "' is listed twice");
            }
        }
        exactlyOne(Component.BUNDLED_POSTGRES, Component.MANAGED_DB, "a database");
        exactlyOne(Component.BUNDLED_REDIS, Component.MANAGED_REDIS, "a Redis");
        boolean policies = spec.has(Component.NETWORK_POLICY);

        if (spec.has(Component.BUNDLED_POSTGRES)) {
            var postgres = spec.postgresql();
            containerImage("postgresql.image", postgres.image());
            dnsLabelish("postgresql.auth.username", postgres.auth().username());
            dnsLabelish("postgresql.auth.database", postgres.auth().database());
            persistence("postgresql.primary.persistence", postgres.primary().persistence());
            resources("postgresql.primary.resources", postgres.primary().resources());
        }
        if (spec.has(Component.MANAGED_DB)) {
            var database = spec.externalDatabase();
            hostName("externalDatabase.host", database.host());
            port("externalDatabase.port", database.port());
            dnsLabelish("externalDatabase.username", database.username());
            dnsLabelish("externalDatabase.database", database.database());
            if (!List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
                    .contains(database.sslMode())) {
                report("externalDatabase.sslMode", "'" + database.sslMode() + "' is not a PostgreSQL sslmode");
            }
            externalCidr("externalDatabase.cidr", database.cidr(), policies, "database");
        }
        if (spec.has(Component.BUNDLED_REDIS)) {
            containerImage("redis.image", spec.redis().image());
            persistence("redis.master.persistence", spec.redis().master().persistence());
            resources("redis.master.resources", spec.redis().master().resources());
        }
        if (spec.has(Component.MANAGED_REDIS)) {
            hostName("externalRedis.host", spec.externalRedis().host());
            port("externalRedis.port", spec.externalRedis().port());
            externalCidr("externalRedis.cidr", spec.externalRedis().cidr(), policies, "Redis");
        }
        if (spec.has(Component.KEDA_SCALING)) {
            var keda = spec.keda();
            if (!spec.celeryWorker().autoscaling().enabled()) {
                report("celeryWorker.autoscaling.enabled", "keda-scaling autoscales the worker (between"
                        + " celeryWorker.autoscaling.minReplicas and maxReplicas); false contradicts it");
            }
            if (!keda.queue().matches("[A-Za-z0-9_.:-]+")) {
                report("keda.queue", "'" + keda.queue() + "' is not a Celery queue name");
            }
            if (keda.databaseIndex() < 0 || keda.databaseIndex() > 15) {
                report("keda.databaseIndex", "must be a Redis database index between 0 and 15");
            }
            atLeast("keda.listLength", keda.listLength(), 1);
            atLeast("keda.activationListLength", keda.activationListLength(), 0);
            atLeast("keda.pollingInterval", keda.pollingInterval(), 1);
            atLeast("keda.cooldownPeriod", keda.cooldownPeriod(), 0);
            if (keda.scaleDownStabilizationSeconds() < 0 || keda.scaleDownStabilizationSeconds() > 3600) {
                report("keda.scaleDownStabilizationSeconds", "must be between 0 and 3600 (the HPA's limit), got "
                        + keda.scaleDownStabilizationSeconds());
            }
            atLeast("keda.maxTaskSeconds", keda.maxTaskSeconds(), 1);
        }
        if (policies) {
            var network = spec.networkPolicy();
            dnsLabel("networkPolicy.ingressControllerNamespace", network.ingressControllerNamespace());
            forEach("networkPolicy.ingressFromCidrs", network.ingressFromCidrs(), this::cidr);
            dnsLabel("networkPolicy.dns.namespace", network.dns().namespace());
            labels("networkPolicy.dns.podLabels", network.dns().podLabels());
            forEach("networkPolicy.dns.cidrs", network.dns().cidrs(), this::cidr);
            forEach("networkPolicy.httpsEgressExcept", network.httpsEgressExcept(), this::cidr);
            forEach("networkPolicy.privateHttpsCidrs", network.privateHttpsCidrs(), this::cidr);
            dnsLabel("networkPolicy.prometheusNamespace", network.prometheusNamespace());
            dnsLabel("networkPolicy.kedaNamespace", network.kedaNamespace());
        }
        if (spec.has(Component.MONITORING)) {
            var metrics = spec.metrics();
            port("metrics.port", metrics.port());
            if (metrics.port() == 8000) {
                report("metrics.port", "8000 is the api's http port; the metrics port must be another one");
            }
            if (!metrics.path().startsWith("/")) {
                report("metrics.path", "'" + metrics.path() + "' must start with /");
            }
            duration("metrics.serviceMonitor.interval", metrics.serviceMonitor().interval());
            duration("metrics.serviceMonitor.scrapeTimeout", metrics.serviceMonitor().scrapeTimeout());
            labels("metrics.serviceMonitor.labels", metrics.serviceMonitor().labels());
            if (metrics.serviceMonitor().labels().isEmpty()) {
                report("metrics.serviceMonitor.labels", "Prometheus ignores a ServiceMonitor its selector does not"
                        + " match; give the labels it selects on");
            }
        }
        if (spec.has(Component.EXTERNAL_SECRETS)) {
            var secrets = spec.externalSecrets();
            dnsSubdomain("externalSecrets.storeName", secrets.storeName());
            if (!secrets.remoteKey().isEmpty() && !secrets.remoteKey().matches("[A-Za-z0-9_./:-]+")) {
                report("externalSecrets.remoteKey", "'" + secrets.remoteKey() + "' is not a secret path");
            }
            duration("externalSecrets.refreshInterval", secrets.refreshInterval());
        }
    }

    private void exactlyOne(Component bundled, Component managed, String what) {
        EnvSpec spec = environment.spec();
        if (spec.has(bundled) == spec.has(managed)) {
            report("components", "choose exactly one source for " + what + ": '" + bundled.specValue() + "' or '"
                    + managed.specValue() + "'" + (spec.has(bundled) ? ", not both" : ""));
        }
    }

    private void externalCidr(String path, String cidr, boolean policies, String what) {
        if (!cidr.isEmpty()) {
            cidr(path, cidr);
        } else if (policies) {
            report(path, "with network-policy, give the address range of the " + what + " (the egress rule"
                    + " allows exactly it)");
        }
    }

    private void persistence(String path, EnvSpec.Persistence persistence) {
        quantity(path + ".size", persistence.size());
        if (!persistence.storageClass().isEmpty()) {
            dnsSubdomain(path + ".storageClass", persistence.storageClass());
        }
    }

    private void containerImage(String path, String image) {
        if (!ImageReferences.isReference(image)) {
            report(path, "'" + image + "' is not an image reference");
        } else if (!image.contains(":") || image.endsWith(":latest")) {
            report(path, "'" + image + "' must pin a version tag or digest");
        }
    }

    private void dnsLabelish(String path, String value) {
        if (!value.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            report(path, "'" + value + "' is not a plain identifier (letters, digits, '_')");
        }
    }

    private void duration(String path, String value) {
        if (value.length() > 64 || !value.matches("([0-9]+(ms|s|m|h))+")) {
            report(path, "'" + value + "' is not a duration (e.g. 30s, 5m, 1h)");
        }
    }

    private void atLeast(String path, int value, int minimum) {
        if (value < minimum) {
            report(path, "must be at least " + minimum + ", got " + value);
        }
    }

    /**
     * The images' names, tags and digests. The tags and digests are the seed of a new environment's images file:
     * refusing 'latest' outside development and two versions of one image applies to them only while they seed
     * it; once the file exists, {@link ImagesFile} checks the versions where they live.
     */
    private void images() {
        EnvSpec spec = environment.spec();
        Map<String, Image> images = ImageVersions.runImages(spec);
        boolean seeding = environment.images().seeded();
        Map<String, String> firstByRepository = new HashMap<>();
        images.forEach((path, image) -> {
            if (!ImageReferences.isRepository(image.repository())) {
                report(path + ".repository", "'" + image.repository() + "' is not a valid image repository");
            }
            if (!TAG.matcher(image.tag()).matches()) {
                report(path + ".tag", "'" + image.tag() + "' is not a valid image tag");
            }
            if (!image.digest().isEmpty() && !DIGEST.matcher(image.digest()).matches()) {
                report(path + ".digest", "'" + image.digest() + "' is not a digest (sha256: and 64 hex digits)");
            }
            if (!seeding) {
                return;
            }
            if (image.tag().equals("latest") && image.digest().isEmpty()
                    && spec.tier() != EnvSpec.Tier.DEVELOPMENT) {
                report(path + ".tag", "'latest' is refused outside tier development: pin a version tag or a digest"
                        + " (the spec's tags seed a new environment's " + RepoLayout.imagesFile(environment.name())
                        + "; or copy another environment's images file there)");
            }
            String first = firstByRepository.putIfAbsent(image.repository(), path);
            if (first != null) {
                Image other = images.get(first);
                if (!other.tag().equals(image.tag()) || !other.digest().equals(image.digest())) {
                    report(path, "uses repository " + image.repository() + " like " + first
                            + " but another tag or digest; kustomize sets one version per image name");
                }
            }
        });
    }

    private void frontend(String path, EnvSpec.Frontend frontend) {
        if (!frontend.enabled()) {
            return;
        }
        count(path + ".replicaCount", frontend.replicaCount());
        port(path + ".containerPort", frontend.containerPort());
        port(path + ".service.port", frontend.service().port());
        ingress(path + ".ingress", frontend.ingress());
        resources(path + ".resources", frontend.resources());
        writablePaths(path + ".writablePaths", frontend.writablePaths());
    }

    /** Each an absolute, normalised path other than /, once, whose volume name is a DNS-1123 label. */
    private void writablePaths(String path, List<EnvSpec.WritablePath> paths) {
        Map<String, String> byVolume = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            EnvSpec.WritablePath writable = paths.get(i);
            String at = path + "[" + i + "]";
            String value = writable.path();
            if (!value.matches("(/[A-Za-z0-9._-]+)+") || value.matches(".*/\\.{1,2}(/.*)?")) {
                report(at + ".path", "'" + value + "' is not an absolute path below / (e.g. /tmp, /var/cache/nginx)");
                continue;
            }
            String volume = writable.volumeName();
            if (volume.isEmpty() || volume.length() > 63) {
                report(at + ".path", "'" + value + "' makes the volume name '" + volume + "', which is not a DNS-1123"
                        + " label of at most 63 characters");
            }
            String first = byVolume.putIfAbsent(volume, value);
            if (first != null) {
                report(at + ".path", first.equals(value) ? "'" + value + "' is listed twice"
                        : "'" + value + "' and '" + first + "' both make the volume name '" + volume + "'");
            }
            if (writable.sizeLimit() != null) {
                quantity(at + ".sizeLimit", writable.sizeLimit());
            }
        }
    }

    private void ingress(String path, IngressSpec ingress) {
        if (!ingress.enabled()) {
            return;
        }
        dnsSubdomain(path + ".className", ingress.className());
        annotations(path + ".annotations", ingress.annotations());
        if (ingress.hosts().isEmpty()) {
            report(path + ".hosts", "an enabled ingress needs at least one host");
        }
        Set<String> hosts = new java.util.HashSet<>();
        for (int i = 0; i < ingress.hosts().size(); i++) {
            var host = ingress.hosts().get(i);
            hostName(path + ".hosts[" + i + "].host", host.host());
            notAnAddress(path + ".hosts[" + i + "].host", host.host());
            hosts.add(host.host());
            if (host.paths() != null) {
                for (int j = 0; j < host.paths().size(); j++) {
                    String p = host.paths().get(j).path();
                    if (!p.startsWith("/")) {
                        report(path + ".hosts[" + i + "].paths[" + j + "].path", "'" + p + "' must start with /");
                    }
                }
            }
        }
        for (int i = 0; i < ingress.tls().size(); i++) {
            var tls = ingress.tls().get(i);
            dnsSubdomain(path + ".tls[" + i + "].secretName", tls.secretName());
            for (int j = 0; j < tls.hosts().size(); j++) {
                String host = tls.hosts().get(j);
                String hostPath = path + ".tls[" + i + "].hosts[" + j + "]";
                hostName(hostPath, host);
                if (!hosts.contains(host)) {
                    report(hostPath, "'" + host + "' is not one of the ingress hosts " + hosts.stream().sorted().toList());
                }
            }
        }
        forEach(path + ".allowedSourceRanges", ingress.allowedSourceRanges(), this::cidr);
    }

    private void resources(String path, Resources resources) {
        BigDecimal cpuRequest = quantity(path + ".requests.cpu", resources.requests().cpu());
        BigDecimal cpuLimit = quantity(path + ".limits.cpu", resources.limits().cpu());
        BigDecimal memRequest = quantity(path + ".requests.memory", resources.requests().memory());
        BigDecimal memLimit = quantity(path + ".limits.memory", resources.limits().memory());
        if (cpuRequest != null && cpuLimit != null && cpuRequest.compareTo(cpuLimit) > 0) {
            report(path + ".requests.cpu", "request " + resources.requests().cpu() + " exceeds the limit "
                    + resources.limits().cpu());
        }
        if (memRequest != null && memLimit != null && memRequest.compareTo(memLimit) > 0) {
            report(path + ".requests.memory", "request " + resources.requests().memory() + " exceeds the limit "
                    + resources.limits().memory());
        }
    }

    private BigDecimal quantity(String path, String value) {
        if (!QUANTITY.matcher(value).matches()) {
            report(path, "'" + value + "' is not a Kubernetes quantity (e.g. 250m, 1.5, 512Mi, 2Gi)");
            return null;
        }
        BigDecimal amount = Quantity.getAmountInBytes(new Quantity(value));
        if (amount.signum() <= 0) {
            report(path, "must be greater than zero");
        }
        return amount;
    }

    private void autoscaling(String path, Autoscaling autoscaling) {
        if (!autoscaling.enabled()) {
            return;
        }
        if (autoscaling.minReplicas() < 1) {
            report(path + ".minReplicas", "must be at least 1, got " + autoscaling.minReplicas());
        }
        if (autoscaling.maxReplicas() < autoscaling.minReplicas()) {
            if (environment.isDefault(path + ".maxReplicas")) {
                report(path + ".minReplicas", "minReplicas " + autoscaling.minReplicas() + " is above maxReplicas "
                        + autoscaling.maxReplicas() + " (the default); raise maxReplicas too");
            } else {
                report(path + ".maxReplicas", "maxReplicas " + autoscaling.maxReplicas() + " is below minReplicas "
                        + autoscaling.minReplicas());
            }
        }
        percentage(path + ".targetCPUUtilizationPercentage", autoscaling.targetCPUUtilizationPercentage());
        percentage(path + ".targetMemoryUtilizationPercentage", autoscaling.targetMemoryUtilizationPercentage());
        if (autoscaling.targetCPUUtilizationPercentage() == null
                && autoscaling.targetMemoryUtilizationPercentage() == null) {
            report(path, "an autoscaler needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage");
        }
    }

    private void percentage(String path, Integer value) {
        if (value != null && value < 1) {
            report(path, "must be at least 1, got " + value);
        }
    }

    private void command(String path, List<String> command) {
        if (command.isEmpty()) {
            report(path, "must not be empty");
        }
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).contains("${")) {
                report(path + "[" + i + "]", "'${' would be replaced by Flux post-build substitution; avoid it");
            }
        }
    }

    private void s3(EnvSpec.S3 s3) {
        if (!S3_BUCKET.matcher(s3.bucket()).matches()) {
            report("s3.bucket", "'" + s3.bucket() + "' is not a valid bucket name (3-63 lower-case letters,"
                    + " digits, '.' and '-')");
        }
        if (s3.region().length() > 64 || !REGION.matcher(s3.region()).matches()) {
            report("s3.region", "'" + s3.region() + "' is not a region name");
        }
        if (!s3.endpoint().isEmpty()) {
            try {
                URI uri = new URI(s3.endpoint());
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                        || !endpointHost(uri.getHost())) {
                    report("s3.endpoint", "'" + s3.endpoint() + "' is not an http(s) URL of a host name or address");
                } else if (uri.getUserInfo() != null) {
                    report("s3.endpoint", "credentials never go in a spec");
                }
            } catch (java.net.URISyntaxException e) {
                report("s3.endpoint", "'" + s3.endpoint() + "' is not a URL: " + e.getReason());
            }
        }
    }

    /** A host an endpoint may name: a DNS name (at most 253 characters, labels of at most 63) or an address. */
    private static boolean endpointHost(String host) {
        if (host.length() > 253) {
            return false;
        }
        String name = host.toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("[") || (DNS_SUBDOMAIN.matcher(name).matches()
                && java.util.Arrays.stream(name.split("\\.")).allMatch(label -> label.length() <= 63));
    }

    private void labels(String path, Map<String, String> labels) {
        labels.forEach((key, value) -> {
            qualifiedName(path + "." + key, key);
            if (!KubernetesNames.isLabelValue(value)) {
                report(path + "." + key, "'" + value + "' is not a valid label value (at most 63 letters, digits,"
                        + " '-', '_' or '.', starting and ending with a letter or digit)");
            }
        });
    }

    private void annotations(String path, Map<String, String> annotations) {
        annotations.keySet().forEach(key -> qualifiedName(path + "." + key, key));
    }

    private void qualifiedName(String path, String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean valid = name.length() <= 63 && LABEL_NAME.matcher(name).matches()
                && (prefix == null || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()));
        if (!valid) {
            report(path, "'" + key + "' is not a valid key ([prefix/]name, name at most 63 characters)");
        }
    }

    /** An Ingress host is a DNS name, never an IP address (Kubernetes' networking validation refuses one). */
    private void notAnAddress(String path, String host) {
        if (host.length() <= 15 && host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            report(path, "'" + host + "' is an IP address; an Ingress host must be a DNS name");
        }
    }

    private void hostName(String path, String host) {
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches() || !name.contains(".")) {
            report(path, "'" + host + "' is not a valid DNS host name");
        }
    }

    private void dnsSubdomain(String path, String value) {
        if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            report(path, "'" + value + "' is not a valid DNS-1123 subdomain (lower-case letters, digits, '-', '.')");
        }
    }

    private void dnsLabel(String path, String value) {
        if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            report(path, "'" + value + "' is not a valid DNS-1123 label (at most 63 lower-case letters, digits"
                    + " and '-')");
        }
    }

    private void cidr(String path, String value) {
        int slash = value.indexOf('/');
        boolean valid = false;
        String literal = slash > 0 ? value.substring(0, slash) : "";
        // only literals reach InetAddress, which would otherwise look a name up in DNS
        if (literal.length() <= 45 && (literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                || literal.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"))) {
            try {
                InetAddress address = InetAddress.getByName(value.substring(0, slash));
                int bits = Integer.parseInt(value.substring(slash + 1));
                int max = address.getAddress().length * 8;
                valid = bits >= 0 && bits <= max && (address.getAddress().length == 16 || value.contains("."));
            } catch (UnknownHostException | NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            report(path, "'" + value + "' is not a CIDR (e.g. 10.0.0.0/8)");
        }
    }

    private void port(String path, int port) {
        if (port < 1 || port > 65535) {
            report(path, "port must be between 1 and 65535, got " + port);
        }
    }

    private void count(String path, int value) {
        if (value < 0) {
            report(path, "must not be negative, got " + value);
        }
    }

    private void forEach(String path, List<String> values, java.util.function.BiConsumer<String, String> check) {
        for (int i = 0; i < values.size(); i++) {
            check.accept(path + "[" + i + "]", values.get(i));
        }
    }

    private void report(String path, String message) {
        String origin = environment.isDefault(path) ? " (this is the default; set " + path + " in the spec)" : "";
        problems.add(new SpecProblem(environment.positionOf(path), path, message + origin));
    }
}
