package dev.codestory.gitops.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.controllers.MigrationJob;
import dev.codestory.gitops.controllers.SyncWaves;
import dev.codestory.gitops.enrich.ConfigChecksum;
import dev.codestory.gitops.enrich.Enricher;
import dev.codestory.gitops.enrich.PodDefaults;
import dev.codestory.gitops.enrich.RestrictedSecurity;
import dev.codestory.gitops.enrich.WellKnownLabels;
import dev.codestory.gitops.enrich.WritablePaths;
import dev.codestory.gitops.objects.ApiResources;
import dev.codestory.gitops.objects.CeleryResources;
import dev.codestory.gitops.objects.CoreResources;
import dev.codestory.gitops.objects.Datastores;
import dev.codestory.gitops.objects.ExternalSecrets;
import dev.codestory.gitops.objects.FrontendResources;
import dev.codestory.gitops.objects.KedaScaling;
import dev.codestory.gitops.objects.Monitoring;
import dev.codestory.gitops.objects.NetworkPolicies;
import dev.codestory.gitops.objects.ResourceFactory;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.yaml.YamlRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;

/** Every object an environment runs, created by the factories and finished by the enrichers, in a fixed order. */
public final class AppObjects {

    private AppObjects() {
    }

    public static List<HasMetadata> build(Environment environment) {
        List<ResourceFactory> factories = List.of(new CoreResources(), new ApiResources(), new CeleryResources(),
                FrontendResources.web(), FrontendResources.admin(), new MigrationJob(), new Datastores(),
                new KedaScaling(), new NetworkPolicies(), new Monitoring(), new ExternalSecrets());
        List<Enricher> enrichers = List.of(new WellKnownLabels(), new PodDefaults(environment.spec()),
                new RestrictedSecurity(), new WritablePaths(writablePaths(environment.spec())),
                new ConfigChecksum());

        List<HasMetadata> created = new ArrayList<>();
        factories.forEach(factory -> created.addAll(factory.create(environment)));
        KubernetesListBuilder list = new KubernetesListBuilder().withItems(created);
        enrichers.forEach(enricher -> enricher.enrich(list));
        List<HasMetadata> result = MigrationJob.signal(environment.spec(),
                SyncWaves.annotate(new ArrayList<>(list.buildItems())));
        result.sort(Comparator.comparing((HasMetadata r) -> r.getMetadata().getName())
                .thenComparing(HasMetadata::getKind));
        return result;
    }

    /** What each container of the app writes to, by container name, from its workload's spec. */
    static Map<String, List<EnvSpec.WritablePath>> writablePaths(EnvSpec spec) {
        return Map.of(ApiResources.CONTAINER, spec.api().writablePaths(),
                CeleryResources.WORKER_CONTAINER, spec.celeryWorker().writablePaths(),
                CeleryResources.BEAT_CONTAINER, spec.celeryBeat().writablePaths(),
                FrontendResources.WEB_CONTAINER, spec.web().writablePaths(),
                FrontendResources.ADMIN_CONTAINER, spec.admin().writablePaths(),
                MigrationJob.CONTAINER, spec.migration().writablePaths());
    }

    /** The same objects as trees, the form the planner and the writer work on. */
    public static List<JsonNode> trees(Environment environment) {
        return build(environment).parallelStream().map(YamlRenderer.instance()::toTree).toList();
    }
}
