package dev.codestory.gitops.verify;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The revision {@code verify --base} checks the change from: its name, the controllers' objects under
 * {@code clusters/} there, and the builds of each unit of the environments whose inputs differ (environment, then
 * unit directory, then objects). An environment without builds here builds the same at both revisions.
 */
public record BaseRevision(String name, Map<String, JsonNode> controllerObjects,
                           Map<String, Map<String, Map<String, JsonNode>>> builds) {
}
