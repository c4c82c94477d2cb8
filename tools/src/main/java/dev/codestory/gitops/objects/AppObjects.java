package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.codestory.gitops.enrich.ConfigChecksum;
import dev.codestory.gitops.enrich.Enricher;
import dev.codestory.gitops.enrich.PodDefaults;
import dev.codestory.gitops.enrich.RestrictedSecurity;
import dev.codestory.gitops.enrich.WellKnownLabels;
import dev.codestory.gitops.enrich.WritableTmp;
import dev.codestory.gitops.spec.Environment;
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
                new RestrictedSecurity(), new WritableTmp(),
                new ConfigChecksum(CoreResources.configData(environment.spec())));

        List<HasMetadata> created = new ArrayList<>();
        factories.forEach(factory -> created.addAll(factory.create(environment)));
        KubernetesListBuilder list = new KubernetesListBuilder().withItems(created);
        enrichers.forEach(enricher -> enricher.enrich(list));
        List<HasMetadata> result = new ArrayList<>(list.buildItems());
        result.sort(Comparator.comparing((HasMetadata r) -> r.getMetadata().getName()).thenComparing(HasMetadata::getKind));
        return result;
    }
}
