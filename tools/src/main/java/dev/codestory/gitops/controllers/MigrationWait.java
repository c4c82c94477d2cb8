package dev.codestory.gitops.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.codestory.gitops.objects.Labels;
import dev.codestory.gitops.objects.Names;
import dev.codestory.gitops.spec.EnvSpec;

/**
 * A secondary cluster's gate: clusters that share the primary's database run no migration of their own, yet a
 * release reaches them at once (their units build on the primary's, images file included), and new code on an
 * old schema fails, as it would for as long as a failed migration stays failed. So in the migration's place they
 * run {@code code-story-migration-wait}: the migration Job as generated (image, configuration, Secret, network
 * access to the database, the controller's hook or force markers, hence the same place before the app) with
 * {@code migration.waitCommand}, which ends once the primary has migrated the database to the release's head.
 * Its deadline is the longest the primary's Job can run (each of its attempts); past it the Job fails, and with it
 * the secondary's sync, which leaves the previous release running there.
 *
 * <p>It has a component label of its own, so it is not counted as a second migration of the database.
 */
public final class MigrationWait {

    public static final String NAME = Names.MIGRATION_WAIT;

    private MigrationWait() {
    }

    /** The waiting Job made from the generated migration Job {@code migrationJob}. */
    public static JsonNode from(JsonNode migrationJob, EnvSpec.Migration migration) {
        ObjectNode job = migrationJob.deepCopy();
        ObjectNode metadata = (ObjectNode) job.get("metadata");
        metadata.put("name", NAME);
        ((ObjectNode) metadata.get("labels")).put(Labels.COMPONENT, Names.MIGRATION_WAIT_COMPONENT);
        ObjectNode spec = (ObjectNode) job.get("spec");
        spec.put("activeDeadlineSeconds", (long) migration.activeDeadlineSeconds() * (migration.backoffLimit() + 1));
        ObjectNode template = (ObjectNode) spec.get("template");
        ((ObjectNode) template.get("metadata").get("labels")).put(Labels.COMPONENT, Names.MIGRATION_WAIT_COMPONENT);
        for (JsonNode container : template.get("spec").get("containers")) {
            if (container.path("name").asText().equals(MigrationJob.CONTAINER)) {
                ArrayNode command = ((ObjectNode) container).putArray("command");
                migration.waitCommand().forEach(command::add);
            }
        }
        return job;
    }
}
