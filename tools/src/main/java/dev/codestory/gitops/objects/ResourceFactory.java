package dev.codestory.gitops.objects;

import java.util.List;

import dev.codestory.gitops.spec.Environment;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Creates the objects of one part of the app from an environment's spec; enrichers add the rest. */
public interface ResourceFactory {
    List<HasMetadata> create(Environment environment);
}
