package dev.codestory.gitops.controllers;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Argo CD's sync waves. Argo CD applies one wave, waits until it is healthy, then applies the next (a Job is
 * healthy once complete, a StatefulSet once its replicas are ready, an ExternalSecret once its Secret is written;
 * a ServiceAccount or ConfigMap as soon as it exists). So what every pod needs comes first, in wave -3: its
 * ServiceAccount, ConfigMaps, Secrets and the ExternalSecret that makes one, the network policies it starts under,
 * its claims (and the Namespace, which Argo CD also moves ahead of everything in it); the datastores (StatefulSets
 * and their governing Services) in -2; the migration hook in -1 ({@link MigrationJob}); the app in 0, the default,
 * unannotated. Flux ignores the annotation: it orders by Kustomization ({@link MigrationGate}).
 */
public final class SyncWaves {

    public static final String ANNOTATION = ControllerAnnotations.ARGO_SYNC_WAVE;
    public static final String PREREQUISITES = "-3";
    public static final String DATASTORES = "-2";
    public static final String MIGRATION = "-1";

    private static final Set<String> PREREQUISITE_KINDS = Set.of("Namespace", "ServiceAccount", "ConfigMap",
            "Secret", "ExternalSecret", "NetworkPolicy", "PersistentVolumeClaim");

    private SyncWaves() {
    }

    /** Annotates each object with its wave; running it twice changes nothing. */
    public static List<HasMetadata> annotate(List<HasMetadata> objects) {
        Set<String> governing = objects.stream().filter(StatefulSet.class::isInstance)
                .map(set -> ((StatefulSet) set).getSpec().getServiceName()).collect(Collectors.toSet());
        for (HasMetadata object : objects) {
            String wave = PREREQUISITE_KINDS.contains(object.getKind()) ? PREREQUISITES
                    : object instanceof StatefulSet || object.getKind().equals("Service")
                    && governing.contains(object.getMetadata().getName()) ? DATASTORES : null;
            if (wave != null) {
                annotate(object, ANNOTATION, wave);
            }
        }
        return objects;
    }

    static void annotate(HasMetadata object, String key, String value) {
        if (object.getMetadata().getAnnotations() == null) {
            object.getMetadata().setAnnotations(new java.util.TreeMap<>());
        }
        object.getMetadata().getAnnotations().put(key, value);
    }
}
