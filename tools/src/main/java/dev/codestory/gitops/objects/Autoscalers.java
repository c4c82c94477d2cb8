package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.List;

import dev.codestory.gitops.spec.EnvSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;

final class Autoscalers {

    private Autoscalers() {
    }

    /**
     * An autoscaling/v2 HPA. Metrics are written CPU first, then memory: the order the HPA controller keeps, so
     * a controller that compares live and desired state sees no difference.
     */
    static HorizontalPodAutoscaler hpa(String deployment, String component, EnvSpec.Autoscaling spec,
                                       boolean seedBehavior) {
        List<MetricSpec> metrics = new ArrayList<>();
        if (spec.targetCPUUtilizationPercentage() != null) {
            metrics.add(utilization("cpu", spec.targetCPUUtilizationPercentage()));
        }
        if (spec.targetMemoryUtilizationPercentage() != null) {
            metrics.add(utilization("memory", spec.targetMemoryUtilizationPercentage()));
        }
        HorizontalPodAutoscalerBuilder builder = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(deployment).addToLabels(Labels.COMPONENT, component).endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(deployment)
                .endScaleTargetRef()
                .withMinReplicas(spec.minReplicas())
                .withMaxReplicas(spec.maxReplicas())
                .withMetrics(metrics)
                .endSpec();
        if (seedBehavior) {
            builder.editSpec().withNewBehavior()
                    .withNewScaleDown().withStabilizationWindowSeconds(300)
                    .addNewPolicy().withType("Percent").withValue(10).withPeriodSeconds(60).endPolicy()
                    .endScaleDown()
                    .withNewScaleUp().withStabilizationWindowSeconds(0)
                    .addNewPolicy().withType("Percent").withValue(100).withPeriodSeconds(15).endPolicy()
                    .addNewPolicy().withType("Pods").withValue(4).withPeriodSeconds(15).endPolicy()
                    .withSelectPolicy("Max")
                    .endScaleUp()
                    .endBehavior().endSpec();
        }
        return builder.build();
    }

    private static MetricSpec utilization(String resource, int percentage) {
        return new MetricSpecBuilder().withType("Resource")
                .withNewResource().withName(resource)
                .withNewTarget().withType("Utilization").withAverageUtilization(percentage).endTarget()
                .endResource()
                .build();
    }
}
