package dev.codestory.gitops.objects;

import java.util.ArrayList;
import java.util.List;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import static dev.codestory.gitops.objects.SecretKeys.ANTHROPIC_API_KEY;
import static dev.codestory.gitops.objects.SecretKeys.AWS_ACCESS_KEY_ID;
import static dev.codestory.gitops.objects.SecretKeys.AWS_SECRET_ACCESS_KEY;
import static dev.codestory.gitops.objects.SecretKeys.CELERY_BROKER_URL;
import static dev.codestory.gitops.objects.SecretKeys.CELERY_RESULT_BACKEND;
import static dev.codestory.gitops.objects.SecretKeys.DATABASE_URL;
import static dev.codestory.gitops.objects.SecretKeys.ELEVENLABS_API_KEY;
import static dev.codestory.gitops.objects.SecretKeys.GITHUB_TOKEN;
import static dev.codestory.gitops.objects.SecretKeys.REDIS_URL;

import static dev.codestory.gitops.objects.Datastores.REDIS_PORT;

/** The Celery worker (Deployment and HPA) and Celery beat (one replica, Recreate, never autoscaled). */
public final class CeleryResources implements ResourceFactory {

    static final String WORKER = "celery-worker";
    static final String BEAT = "celery-beat";
    public static final String WORKER_CONTAINER = "worker";
    public static final String BEAT_CONTAINER = "beat";

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        List<HasMetadata> resources = new ArrayList<>();
        boolean keda = spec.has(Component.KEDA_SCALING);
        resources.add(worker(environment, keda));
        if (spec.celeryWorker().autoscaling().enabled() && !keda) {
            resources.add(Autoscalers.hpa(Names.CELERY_WORKER, WORKER, spec.celeryWorker().autoscaling(), false));
        }
        if (spec.celeryBeat().enabled()) {
            resources.add(beat(environment));
        }
        return resources;
    }

    private static HasMetadata worker(Environment environment, boolean keda) {
        EnvSpec spec = environment.spec();
        EnvSpec.CeleryWorker worker = spec.celeryWorker();
        List<String> command = new ArrayList<>(worker.command());
        if (keda && command.stream().noneMatch(arg -> arg.startsWith("--prefetch-multiplier"))) {
            command.add("--prefetch-multiplier=1");
        }
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>(SecretKeys.envVars(DATABASE_URL,
                REDIS_URL, CELERY_BROKER_URL, CELERY_RESULT_BACKEND, ANTHROPIC_API_KEY, ELEVENLABS_API_KEY,
                GITHUB_TOKEN, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY));
        env.add(Datastores.fromConfig(REDIS_PORT, Datastores.REDIS_CONFIG, REDIS_PORT));
        if (keda) {
            env.addAll(KedaScaling.workerEnv());
        }
        boolean autoscaled = worker.autoscaling().enabled() || keda;
        return new DeploymentBuilder()
                .withNewMetadata().withName(Names.CELERY_WORKER).addToLabels(Labels.COMPONENT, WORKER).endMetadata()
                .withNewSpec()
                .withReplicas(autoscaled ? null : worker.replicaCount())
                .withNewSelector().withMatchLabels(Labels.selector(WORKER)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.selector(WORKER))
                .addToAnnotations("kubectl.kubernetes.io/default-container", "worker").endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName(WORKER_CONTAINER)
                        .withImage(Containers.image(worker.image()))
                        .withImagePullPolicy(Containers.pullPolicy(environment, "celeryWorker.image", worker.image()))
                        .withCommand(command)
                        .withEnvFrom(Containers.config())
                        .withEnv(env)
                        .withLivenessProbe(Containers.execProbe(ping(worker.command()), 120, 300, 60))
                        .withReadinessProbe(Containers.execProbe(brokerConnected(), 10, 10, 5))
                        .withResources(Containers.resources(worker.resources()))
                        .build())
                .withTerminationGracePeriodSeconds(keda ? (long) spec.keda().maxTaskSeconds() + 30 : null)
                .withNodeSelector(worker.nodeSelector().isEmpty() ? null : worker.nodeSelector())
                .withTolerations(Containers.tolerations(worker.tolerations()))
                .withAffinity(Containers.affinity(worker.affinity()))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * Liveness, run rarely: asks this worker (by its node name, celery@ and the pod's host name) to answer a ping
     * through the broker. A new Python process imports the app each time, and the request reaches every worker's
     * control queue (only this one answers), so it runs every five minutes and restarts the worker only after
     * three misses: a broker outage shorter than that restarts nothing.
     */
    static List<String> ping(List<String> command) {
        String app = "workers.celery_app";
        for (int i = 0; i + 1 < command.size(); i++) {
            if (command.get(i).equals("-A") || command.get(i).equals("--app")) {
                app = command.get(i + 1);
            }
        }
        return List.of("sh", "-c", "celery -A " + app + " inspect ping -d celery@$HOSTNAME --timeout 30");
    }

    /**
     * Readiness, cheap enough to run every ten seconds on every worker: the pod holds an established TCP
     * connection to the broker's port ({@code REDIS_PORT}, state 01 in /proc/net/tcp). One shell and one grep over
     * the pod's own socket table: no Python, no broker traffic.
     */
    static List<String> brokerConnected() {
        return List.of("sh", "-c", "grep -qs \":$(printf %04X \"$REDIS_PORT\") 01 \" /proc/net/tcp /proc/net/tcp6");
    }

    private static HasMetadata beat(Environment environment) {
        EnvSpec.CeleryBeat beat = environment.spec().celeryBeat();
        // beat syncs its schedule file at least every few minutes; a stale file means a stuck scheduler
        List<String> alive = List.of("sh", "-c", "find /tmp/celerybeat-schedule -mmin -10 | grep -q .");
        return new DeploymentBuilder()
                .withNewMetadata().withName(Names.CELERY_BEAT).addToLabels(Labels.COMPONENT, BEAT).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(Labels.selector(BEAT)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.selector(BEAT))
                .addToAnnotations("kubectl.kubernetes.io/default-container", "beat").endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName(BEAT_CONTAINER)
                        .withImage(Containers.image(beat.image()))
                        .withImagePullPolicy(Containers.pullPolicy(environment, "celeryBeat.image", beat.image()))
                        .withCommand(beat.command())
                        .withEnvFrom(Containers.config())
                        .withEnv(SecretKeys.envVars(DATABASE_URL, REDIS_URL, CELERY_BROKER_URL, CELERY_RESULT_BACKEND))
                        .withLivenessProbe(Containers.execProbe(alive, 300, 60, 10))
                        .withReadinessProbe(Containers.execProbe(List.of("sh", "-c", "test -e /tmp/celerybeat-schedule"),
                                10, 30, 5))
                        .withResources(Containers.resources(beat.resources()))
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
