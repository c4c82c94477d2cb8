package dev.codestory.gitops.objects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.codestory.gitops.spec.Component;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * monitoring: a ServiceMonitor for the api's named metrics port. Its labels are the ones the cluster's
 * Prometheus selects ServiceMonitors by; without them Prometheus would silently ignore it. The port itself is
 * added to the api Deployment and Service by {@link ApiResources}.
 */
public final class Monitoring implements ResourceFactory {

    public static final String API_VERSION = "monitoring.coreos.com/v1";
    static final String PORT = "metrics";

    @Override
    public List<HasMetadata> create(Environment environment) {
        EnvSpec spec = environment.spec();
        if (!spec.has(Component.MONITORING)) {
            return List.of();
        }
        EnvSpec.Metrics metrics = spec.metrics();
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", PORT);
        endpoint.put("path", metrics.path());
        endpoint.put("interval", metrics.serviceMonitor().interval());
        endpoint.put("scrapeTimeout", metrics.serviceMonitor().scrapeTimeout());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("selector", Map.of("matchLabels", serviceSelector()));
        body.put("endpoints", List.of(endpoint));
        HasMetadata monitor = CustomResources.of(API_VERSION, "ServiceMonitor", Names.API, ApiResources.COMPONENT,
                body);
        Map<String, String> labels = new TreeMap<>(monitor.getMetadata().getLabels());
        labels.putAll(metrics.serviceMonitor().labels());
        monitor.getMetadata().setLabels(labels);
        return List.of(monitor);
    }

    /**
     * The api Service's labels the ServiceMonitor selects on: name and component, which no GitOps controller
     * rewrites. Prometheus Operator matches a ServiceMonitor's selector against the Service's own labels, and
     * Argo CD's label tracking sets app.kubernetes.io/instance on the Service to the Application's name, so a
     * selector on the instance label would match nothing there.
     */
    static Map<String, String> serviceSelector() {
        Map<String, String> labels = new TreeMap<>(Labels.selector(ApiResources.COMPONENT));
        labels.remove(Labels.INSTANCE);
        return labels;
    }
}
