package dev.codestory.gitops.enrich;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codestory.gitops.generate.AppObjects;
import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.yaml.YamlRenderer;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import dev.codestory.gitops.spec.Component;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichersTest {

    static final EnvSpec SPEC = SpecLoader.parse("dev", "overlays/dev/env.yaml",
            "tier: development\nglobal:\n  imagePullSecrets: [regcred]\n").spec();
    static final Map<String, String> CONFIG = Map.of("ENVIRONMENT", "development", "AWS_REGION", "eu-west-1");
    static final Map<String, List<EnvSpec.WritablePath>> WRITABLE = Map.of(
            "api", List.of(new EnvSpec.WritablePath("/tmp", null), new EnvSpec.WritablePath("/var/run", "1Mi")),
            "sidecar", List.of(new EnvSpec.WritablePath("/var/cache/nginx", null)));

    static Stream<Named<Enricher>> enrichers() {
        return Stream.of(Named.of("WellKnownLabels", new WellKnownLabels()),
                Named.of("PodDefaults", new PodDefaults(SPEC)),
                Named.of("RestrictedSecurity", new RestrictedSecurity()),
                Named.of("WritablePaths", new WritablePaths(WRITABLE)),
                Named.of("ConfigChecksum", new ConfigChecksum()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enrichers")
    void runningTwiceGivesTheSameObjectsAsRunningOnce(Enricher enricher) {
        List<HasMetadata> original = List.of(deployment(), job());
        KubernetesListBuilder list = new KubernetesListBuilder().withItems(original);

        enricher.enrich(list);
        List<HasMetadata> once = list.buildItems();
        enricher.enrich(list);
        List<HasMetadata> twice = list.buildItems();

        assertThat(tree(once)).isNotEqualTo(tree(original));
        assertThat(tree(twice)).isEqualTo(tree(once));
    }

    @Test
    void wellKnownLabelsGoOnObjectsAndPodTemplatesBesideTheirOwn() {
        List<HasMetadata> items = enrich(new WellKnownLabels(), deployment(), job());

        for (HasMetadata item : items) {
            for (Map<String, String> labels : List.of(item.getMetadata().getLabels(),
                    template(item).getMetadata().getLabels())) {
                assertThat(labels).containsEntry(Labels.NAME, "code-story")
                        .containsEntry(Labels.INSTANCE, "code-story")
                        .containsEntry(Labels.PART_OF, "code-story")
                        .containsEntry(Labels.MANAGED_BY, "kustomize")
                        .containsKey(Labels.COMPONENT);
            }
        }
    }

    @Test
    void podDefaultsSetServiceAccountTokenServiceLinksAndEachPullSecretOnce() {
        Deployment withSecret = new DeploymentBuilder(deployment()).editSpec().editTemplate().editSpec()
                .addToImagePullSecrets(new LocalObjectReference("regcred")).endSpec().endTemplate().endSpec().build();
        PodDefaults podDefaults = new PodDefaults(SPEC);
        KubernetesListBuilder list = new KubernetesListBuilder().withItems(withSecret, job());

        podDefaults.enrich(list);
        podDefaults.enrich(list);

        for (HasMetadata item : list.buildItems()) {
            PodSpec pod = template(item).getSpec();
            assertThat(pod.getServiceAccountName()).isEqualTo("code-story");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getEnableServiceLinks()).isFalse();
            assertThat(pod.getImagePullSecrets()).containsExactly(new LocalObjectReference("regcred"));
        }
    }

    @Test
    void restrictedSecuritySecuresEveryPodAndContainer() {
        List<HasMetadata> items = enrich(new RestrictedSecurity(), deployment(), job());

        assertThat(items).allSatisfy(item -> assertRestricted(template(item).getSpec()));
    }

    static Stream<Arguments> writablePathsByContainer() {
        return Stream.of(
                Arguments.of("api", List.of("/tmp=tmp", "/var/run=var-run")),
                Arguments.of("sidecar", List.of("/var/cache/nginx=var-cache-nginx")),
                // a container the spec does not name (a bundled data store) gets /tmp
                Arguments.of("migrate", List.of("/tmp=tmp")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("writablePathsByContainer")
    void writablePathsMountsEachContainersPathsOnEmptyDirs(String container, List<String> mounts) {
        List<HasMetadata> items = enrich(new WritablePaths(WRITABLE), deployment(), job());

        PodSpec pod = items.stream().map(item -> template(item).getSpec())
                .filter(p -> p.getContainers().stream().anyMatch(c -> c.getName().equals(container)))
                .findFirst().orElseThrow();
        Container found = pod.getContainers().stream().filter(c -> c.getName().equals(container)).findFirst()
                .orElseThrow();
        assertThat(found.getVolumeMounts()).extracting(m -> m.getMountPath() + "=" + m.getName())
                .containsExactlyElementsOf(mounts);
        for (VolumeMount mount : found.getVolumeMounts()) {
            assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(mount.getName())).singleElement()
                    .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
        }
    }

    @Test
    void writablePathsCarriesTheSizeLimitAndSharesAVolumeName() {
        PodSpec pod = template(enrich(new WritablePaths(WRITABLE), deployment()).get(0)).getSpec();

        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("tmp", "var-run",
                "var-cache-nginx");
        assertThat(pod.getVolumes().get(1).getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("1Mi"));
        assertThat(pod.getVolumes().get(0).getEmptyDir().getSizeLimit()).isNull();
    }

    @Test
    void writablePathsKeepsAFactorysOwnTmpVolumeAndMount() {
        Deployment own = new DeploymentBuilder(deployment()).editSpec().editTemplate().editSpec()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("2Gi")).endEmptyDir()
                .endVolume()
                .editFirstContainer().addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();

        PodSpec pod = template(enrich(new WritablePaths(Map.of()), own).get(0)).getSpec();

        assertThat(pod.getVolumes()).singleElement().extracting(Volume::getEmptyDir)
                .satisfies(dir -> assertThat(dir.getSizeLimit()).isEqualTo(new Quantity("2Gi")));
        assertThat(pod.getContainers()).allSatisfy(c -> assertThat(c.getVolumeMounts())
                .filteredOn(m -> m.getMountPath().equals("/tmp")).hasSize(1));
    }

    @Test
    void configChecksumAnnotatesDeploymentPodTemplatesOnly() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("{AWS_REGION=eu-west-1, ENVIRONMENT=development}".getBytes(StandardCharsets.UTF_8)));

        List<HasMetadata> items = enrich(new ConfigChecksum(), deployment(), job(), configMap(Names.CONFIG, CONFIG));

        assertThat(template(items.get(0)).getMetadata().getAnnotations())
                .containsEntry(ConfigChecksum.ANNOTATION, expected);
        assertThat(template(items.get(1)).getMetadata().getAnnotations()).isNullOrEmpty();
        String other = checksum(enrich(new ConfigChecksum(), deployment(),
                configMap(Names.CONFIG, Map.of("ENVIRONMENT", "production"))).get(0));
        assertThat(other).isNotEqualTo(expected);
    }

    /** A new Redis changes code-story-redis alone: the pods that read it roll, the others do not. */
    @Test
    void configChecksumCoversEveryConfigMapAPodReads() {
        Deployment worker = new DeploymentBuilder(deployment()).editSpec().editTemplate().editSpec().editContainer(0)
                .addNewEnv().withName("REDIS_HOST").withNewValueFrom().withNewConfigMapKeyRef()
                .withName("code-story-redis").withKey("REDIS_HOST").endConfigMapKeyRef().endValueFrom().endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
        HasMetadata config = configMap(Names.CONFIG, CONFIG);
        List<HasMetadata> before = enrich(new ConfigChecksum(), worker, deployment(), config,
                configMap("code-story-redis", Map.of("REDIS_HOST", "old.example.com")));
        List<HasMetadata> after = enrich(new ConfigChecksum(), worker, deployment(), config,
                configMap("code-story-redis", Map.of("REDIS_HOST", "new.example.com")));
        assertThat(checksum(after.get(0))).isNotEqualTo(checksum(before.get(0)));
        assertThat(checksum(after.get(1))).isEqualTo(checksum(before.get(1)));
    }

    private static String checksum(HasMetadata deployment) {
        return template(deployment).getMetadata().getAnnotations().get(ConfigChecksum.ANNOTATION);
    }

    private static HasMetadata configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build();
    }

    @Test
    void everyPodTemplateOfTheAppHasProbesResourcesAndRestrictedSecurity() {
        List<HasMetadata> objects = AppObjects.build(SpecLoader.defaultsEnvironment()
                .withComponents(List.of(Component.values())));
        List<HasMetadata> workloads = objects.stream()
                .filter(o -> o instanceof Deployment || o instanceof Job || o instanceof StatefulSet).toList();

        assertThat(workloads).hasSizeGreaterThanOrEqualTo(5).anyMatch(o -> o instanceof Job);
        assertThat(objects).filteredOn(o -> !workloads.contains(o))
                .allSatisfy(o -> assertThat(YamlRenderer.instance().toTree(o).findValue("containers")).isNull());
        for (HasMetadata workload : workloads) {
            PodSpec pod = template(workload).getSpec();
            assertRestricted(pod);
            for (Container container : pod.getContainers()) {
                assertThat(container.getResources().getRequests()).as(container.getName())
                        .containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(container.getName())
                        .containsKeys("cpu", "memory");
                if (workload.getKind().equals("Job")) {
                    assertThat(workload.getMetadata().getName()).startsWith(Names.MIGRATE);
                    assertThat(container.getReadinessProbe()).as(container.getName()).isNull();
                    assertThat(container.getLivenessProbe()).as(container.getName()).isNull();
                } else {
                    assertThat(container.getReadinessProbe()).as(container.getName()).isNotNull();
                    assertThat(container.getLivenessProbe()).as(container.getName()).isNotNull();
                }
            }
        }
    }

    private static void assertRestricted(PodSpec pod) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).isNotEmpty().allSatisfy(container -> {
            var security = container.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
            assertThat(security.getRunAsNonRoot()).as(container.getName()).isTrue();
            assertThat(security.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
        });
    }

    private static List<HasMetadata> enrich(Enricher enricher, HasMetadata... items) {
        KubernetesListBuilder list = new KubernetesListBuilder().withItems(items);
        enricher.enrich(list);
        return list.buildItems();
    }

    private static PodTemplateSpec template(HasMetadata item) {
        if (item instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec().getTemplate();
        }
        return item instanceof Deployment deployment ? deployment.getSpec().getTemplate()
                : ((Job) item).getSpec().getTemplate();
    }

    private static Object tree(List<HasMetadata> items) {
        return items.stream().map(YamlRenderer.instance()::toTree).toList();
    }

    private static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("api").addToLabels(Labels.COMPONENT, "api").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewTemplate().withNewMetadata().addToLabels(Labels.COMPONENT, "api").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("api").withImage("api:1").endContainer()
                .addNewContainer().withName("sidecar").withImage("sidecar:1").endContainer()
                .endSpec().endTemplate().endSpec()
                .build();
    }

    private static Job job() {
        return new JobBuilder()
                .withNewMetadata().withName("migrate").addToLabels(Labels.COMPONENT, "migration").endMetadata()
                .withNewSpec().withNewTemplate()
                .withNewMetadata().addToLabels(Labels.COMPONENT, "migration").endMetadata()
                .withNewSpec().withRestartPolicy("OnFailure")
                .addNewContainer().withName("migrate").withImage("api:1").endContainer()
                .endSpec().endTemplate().endSpec()
                .build();
    }
}
