package dev.codestory.gitops.objects;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.fabric8.kubernetes.api.builder.BaseFluent;
import io.fabric8.kubernetes.api.builder.Editable;
import io.fabric8.kubernetes.api.builder.VisitableBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * A custom resource this tool writes (KEDA, Prometheus Operator, External Secrets, Argo CD, Flux): the typed
 * header of every Kubernetes object and a free-form {@code spec}. Its builder exposes the metadata to the
 * enrichers' visitors like any fabric8 builder does.
 *
 * <p>Why not fabric8's GenericKubernetesResource: loading that class builds a Jackson ObjectMapper, a third of
 * a second on a fresh JVM, which a regen otherwise never needs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public final class CustomResource implements HasMetadata, Editable<CustomResource.Builder> {

    @JsonProperty("apiVersion")
    private String apiVersion;
    @JsonProperty("kind")
    private final String kind;
    @JsonProperty("metadata")
    private ObjectMeta metadata;
    @JsonProperty("spec")
    private final Map<String, Object> spec;

    public CustomResource(String apiVersion, String kind, ObjectMeta metadata, Map<String, Object> spec) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.metadata = metadata;
        this.spec = spec;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    public Map<String, Object> getSpec() {
        return spec;
    }

    @Override
    public Builder edit() {
        return new Builder(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CustomResource that && Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind) && Objects.equals(metadata, that.metadata)
                && Objects.equals(spec, that.spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, metadata, spec);
    }

    @Override
    public String toString() {
        return kind + "/" + (metadata == null ? null : metadata.getName());
    }

    /** Visitors reach the metadata through it; the spec is carried over as it is. */
    public static final class Builder extends BaseFluent<Builder> implements VisitableBuilder<CustomResource, Builder> {

        private static final String METADATA = "metadata";

        private final String apiVersion;
        private final String kind;
        private final ObjectMetaBuilder metadata;
        private final Map<String, Object> spec;

        Builder(CustomResource resource) {
            apiVersion = resource.apiVersion;
            kind = resource.kind;
            metadata = new ObjectMetaBuilder(resource.metadata == null ? new ObjectMeta() : resource.metadata);
            _visitables.get(METADATA).add(metadata);
            spec = resource.spec;
        }

        @Override
        public CustomResource build() {
            return new CustomResource(apiVersion, kind, metadata.build(), spec);
        }
    }
}
