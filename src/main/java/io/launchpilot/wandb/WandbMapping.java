package io.launchpilot.wandb;

import static io.launchpilot.wandb.WandbJson.bool;
import static io.launchpilot.wandb.WandbJson.decimal;
import static io.launchpilot.wandb.WandbJson.instant;
import static io.launchpilot.wandb.WandbJson.integer;
import static io.launchpilot.wandb.WandbJson.longValue;
import static io.launchpilot.wandb.WandbJson.nodes;
import static io.launchpilot.wandb.WandbJson.present;
import static io.launchpilot.wandb.WandbJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** W&B's GraphQL shapes to the client's records and back. */
final class WandbMapping {

    /** Config keys W&B writes itself; the SDK keeps them apart from the user's config. */
    static final Set<String> INTERNAL_CONFIG_KEYS = Set.of("_wandb", "wandb_version");

    private WandbMapping() {
    }

    static Viewer viewer(JsonNode viewer) {
        List<String> teams = new ArrayList<>();
        nodes(present(viewer, "teams")).forEach(team -> teams.add(text(team, "name")));
        return new Viewer(text(viewer, "id"), text(viewer, "username"), text(viewer, "name"),
                text(viewer, "email"), text(viewer, "entity"), bool(viewer, "admin"), teams);
    }

    static Project project(JsonNode result, ProjectRef requested) {
        JsonNode project = present(result, "project");
        if (project == null) {
            project = present(result, "model");
        }
        String entity = text(project, "entityName");
        String name = text(project, "name");
        ProjectRef ref = entity != null && name != null ? new ProjectRef(entity, name) : requested;
        return new Project(text(project, "id"), ref, text(project, "description"), text(project, "access"),
                bool(result, "inserted"));
    }

    static RunQueue runQueue(JsonNode queue, QueueRef requested, List<RunQueueItem> items) {
        String entity = text(queue, "entityName");
        String name = text(queue, "name");
        QueueRef ref = entity != null && name != null ? new QueueRef(entity, name) : requested;
        JsonNode config = present(queue, "defaultResourceConfig");
        return new RunQueue(text(queue, "id"), ref, text(queue, "access"), text(queue, "createdBy"),
                PrioritizationMode.fromWire(text(queue, "prioritizationMode")),
                externalLinks(present(queue, "externalLinks")), instant(queue, "createdAt"),
                instant(queue, "updatedAt"), config == null ? null : defaultResourceConfig(config), items);
    }

    static DefaultResourceConfig defaultResourceConfig(JsonNode config) {
        List<TemplateVariable> variables = new ArrayList<>();
        JsonNode list = present(config, "templateVariables");
        if (list != null && list.isArray()) {
            list.forEach(variable -> variables.add(new TemplateVariable(text(variable, "name"),
                    text(variable, "description"), WandbJson.object(variable.get("schema")))));
        }
        return new DefaultResourceConfig(text(config, "id"), text(config, "resource"),
                WandbJson.object(config.get("config")), variables);
    }

    /** {@code {"links": [{"label", "url"}]}}, as a JSON value or a JSON string. */
    static List<ExternalLink> externalLinks(JsonNode value) {
        JsonNode parsed = WandbJson.parsedIfText(value);
        JsonNode links = parsed == null ? null : present(parsed, "links");
        List<ExternalLink> result = new ArrayList<>();
        if (links != null && links.isArray()) {
            links.forEach(link -> result.add(new ExternalLink(text(link, "label"), text(link, "url"))));
        }
        return result;
    }

    static Page<RunQueueItem> items(JsonNode connection) {
        List<RunQueueItem> items = new ArrayList<>();
        nodes(connection).forEach(node -> items.add(new RunQueueItem(text(node, "id"), text(node, "state"),
                text(node, "associatedRunId"), instant(node, "createdAt"))));
        JsonNode pageInfo = present(connection, "pageInfo");
        return new Page<>(items, text(pageInfo, "endCursor"), bool(pageInfo, "hasNextPage"), null);
    }

    static RunQueueSummary queueSummary(JsonNode queue, String entity) {
        return new RunQueueSummary(text(queue, "id"), new QueueRef(entity, text(queue, "name")),
                text(queue, "createdBy"), text(queue, "access"));
    }

    static String resourceConfigJson(String resourceType, Map<String, Object> config) {
        return WandbJson.write(Map.of("resource_args", Map.of(resourceType, config)));
    }

    /** {@code {"<name>": {"description": ..., "schema": {...}}}}, the shape W&B and the terraform provider use. */
    static String templateVariablesJson(List<TemplateVariable> variables) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (TemplateVariable variable : variables) {
            Map<String, Object> definition = new LinkedHashMap<>();
            if (variable.description() != null) {
                definition.put("description", variable.description());
            }
            definition.put("schema", variable.schema());
            result.put(variable.name(), definition);
        }
        return WandbJson.write(result);
    }

    static String externalLinksJson(List<ExternalLink> links) {
        List<Map<String, String>> list = new ArrayList<>();
        links.forEach(link -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("label", link.label());
            entry.put("url", link.url());
            list.add(entry);
        });
        return WandbJson.write(Map.of("links", list));
    }

    static Run run(JsonNode run, ProjectRef project) {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> internal = new LinkedHashMap<>();
        WandbJson.object(run.get("config")).forEach((key, value) ->
                (INTERNAL_CONFIG_KEYS.contains(key) ? internal : config).put(key, unwrapConfigValue(value)));
        JsonNode user = present(run, "user");
        return new Run(text(run, "id"), new RunRef(project.entity(), project.name(), text(run, "name")),
                text(run, "displayName"), text(run, "state"), config, internal,
                WandbJson.object(run.get("summaryMetrics")), WandbJson.texts(run.get("tags")), text(run, "group"),
                text(run, "jobType"), text(run, "sweepName"), instant(run, "createdAt"), instant(run, "heartbeatAt"),
                text(run, "description"), text(run, "notes"), text(user, "username"), text(run, "projectId"));
    }

    /** W&B stores each config value as {@code {"value": v, "desc": ...}}. */
    private static Object unwrapConfigValue(Object value) {
        if (value instanceof Map<?, ?> wrapped && wrapped.containsKey("value")) {
            return wrapped.get("value");
        }
        return value;
    }

    /** The config as {@code upsertBucket} wants it: every value wrapped as {@code {"value": v, "desc": null}}. */
    static String wrappedConfigJson(Map<String, Object> config) {
        Map<String, Object> wrapped = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value);
            entry.put("desc", null);
            wrapped.put(key, entry);
        });
        return WandbJson.write(wrapped);
    }

    static Sweep sweep(JsonNode sweep, ProjectRef project) {
        Integer runCount = integer(sweep, "runCount");
        return new Sweep(text(sweep, "id"), new SweepRef(project.entity(), project.name(), text(sweep, "name")),
                text(sweep, "displayName"), text(sweep, "method"), text(sweep, "state"), text(sweep, "description"),
                decimal(sweep, "bestLoss"), WandbJson.yamlObject(sweep.get("config")), instant(sweep, "createdAt"),
                instant(sweep, "updatedAt"), runCount == null ? 0 : runCount, integer(sweep, "runCountExpected"));
    }

    static Artifact artifact(JsonNode artifact) {
        JsonNode sequence = present(artifact, "artifactSequence");
        JsonNode project = present(sequence, "project");
        List<String> aliases = new ArrayList<>();
        JsonNode aliasList = present(artifact, "aliases");
        if (aliasList != null) {
            aliasList.forEach(alias -> {
                JsonNode collection = present(alias, "artifactCollection");
                // the artifact's aliases span every collection it is in; keep those of its source collection
                if (collection == null || text(sequence, "name") == null
                        || text(sequence, "name").equals(text(collection, "name"))) {
                    aliases.add(text(alias, "alias"));
                }
            });
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagList = present(artifact, "tags");
        if (tagList != null) {
            tagList.forEach(tag -> tags.add(text(tag, "name")));
        }
        Integer versionIndex = integer(artifact, "versionIndex");
        return new Artifact(text(artifact, "id"), text(present(project, "entity"), "name"), text(project, "name"),
                text(sequence, "name"), versionIndex == null ? 0 : versionIndex,
                text(present(artifact, "artifactType"), "name"), aliases, text(artifact, "state"),
                text(artifact, "digest"), longValue(artifact, "size"), text(artifact, "description"),
                WandbJson.object(artifact.get("metadata")), tags, instant(artifact, "createdAt"),
                instant(artifact, "updatedAt"));
    }

    static ArtifactMembership membership(JsonNode membership) {
        JsonNode collection = present(membership, "artifactCollection");
        JsonNode project = present(collection, "project");
        List<String> aliases = new ArrayList<>();
        JsonNode aliasList = present(membership, "aliases");
        if (aliasList != null) {
            aliasList.forEach(alias -> aliases.add(text(alias, "alias")));
        }
        Integer versionIndex = integer(membership, "versionIndex");
        JsonNode artifact = present(membership, "artifact");
        return new ArtifactMembership(text(membership, "id"), text(present(project, "entity"), "name"),
                text(project, "name"), text(collection, "name"), versionIndex == null ? 0 : versionIndex, aliases,
                artifact == null ? null : artifact(artifact));
    }
}
