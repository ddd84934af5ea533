package io.launchpilot.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** W&B's response shapes, as the SDK and the terraform provider read them, to records and back. */
class WandbMappingTest {

    private static final ProjectRef PROJECT = new ProjectRef("demo", "vision");

    @Test
    void runUnwrapsConfigKeepsInternalEntriesApartAndParsesJsonStrings() {
        Run run = WandbMapping.run(WandbJson.readTree("""
                {"id": "UnVuOnYxOmExYjJjM2Q0OnZpc2lvbjpkZW1v", "projectId": "42", "name": "a1b2c3d4",
                 "displayName": "bright-sun-1", "state": "running", "tags": ["baseline", "gpu"],
                 "group": "g1", "jobType": "train", "sweepName": "sw33p", "description": null, "notes": "n",
                 "createdAt": "2024-05-01T10:00:00", "heartbeatAt": "2024-05-01T10:05:30.5Z",
                 "config": "{\\"lr\\": {\\"value\\": 0.01, \\"desc\\": null}, \\"layers\\": {\\"value\\": [64, 32]}, \\"_wandb\\": {\\"value\\": {\\"cli_version\\": \\"0.30.0\\"}}, \\"raw\\": 3}",
                 "summaryMetrics": "{\\"loss\\": 0.25, \\"_step\\": 10}",
                 "user": {"name": "Ann", "username": "ann"}}
                """), PROJECT);

        assertEquals("UnVuOnYxOmExYjJjM2Q0OnZpc2lvbjpkZW1v", run.id());
        assertEquals(new RunRef("demo", "vision", "a1b2c3d4"), run.ref());
        assertEquals("bright-sun-1", run.displayName());
        assertEquals(Map.of("lr", 0.01, "layers", List.of(64, 32), "raw", 3), run.config());
        assertEquals(Map.of("_wandb", Map.of("cli_version", "0.30.0")), run.internalConfig());
        assertEquals(Map.of("loss", 0.25, "_step", 10), run.summary());
        assertEquals(List.of("baseline", "gpu"), run.tags());
        assertEquals("sw33p", run.sweep());
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), run.createdAt());
        assertEquals(Instant.parse("2024-05-01T10:05:30.5Z"), run.heartbeatAt());
        assertNull(run.description());
        assertEquals("ann", run.username());
        assertEquals("42", run.projectId());
    }

    @Test
    void runWithoutConfigSummaryOrTagsHasEmptyOnes() {
        Run run = WandbMapping.run(WandbJson.readTree("""
                {"id": "x", "name": "r1", "state": "finished", "config": null, "summaryMetrics": "",
                 "tags": null, "createdAt": "2024-05-01T10:00:00+02:00", "heartbeatAt": null}
                """), PROJECT);
        assertEquals(Map.of(), run.config());
        assertEquals(Map.of(), run.summary());
        assertEquals(List.of(), run.tags());
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), run.createdAt());
        assertNull(run.heartbeatAt());
    }

    @Test
    void configIsWrittenBackWrappedAsTheSdkDoes() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("lr", 0.1);
        config.put("name", null);
        assertEquals("{\"lr\":{\"value\":0.1,\"desc\":null},\"name\":{\"value\":null,\"desc\":null}}",
                WandbMapping.wrappedConfigJson(config));
    }

    @Test
    void queueReadsNestedResourceConfigTemplateSchemasAndLinksGivenAsString() {
        RunQueue queue = WandbMapping.runQueue(WandbJson.readTree("""
                {"id": "UnVuUXVldWU6MQ==", "name": "gpu", "entityName": "demo", "access": "PROJECT",
                 "createdBy": "ann", "prioritizationMode": "V0",
                 "externalLinks": "{\\"links\\": [{\\"label\\": \\"Runbook\\", \\"url\\": \\"https://x/rb\\"}]}",
                 "createdAt": "2024-05-01T10:00:00", "updatedAt": "2024-05-02T10:00:00",
                 "defaultResourceConfig": {"id": "cfg1", "resource": "kubernetes",
                   "config": {"resource_args": {"kubernetes": {"namespace": "ml", "gpus": "{{gpus}}"}}},
                   "templateVariables": [{"name": "gpus", "description": "GPUs per run",
                     "schema": "{\\"type\\": \\"integer\\", \\"minimum\\": 1, \\"maximum\\": 8, \\"default\\": 1}"}]}}
                """), new QueueRef("demo", "gpu"), List.of(new RunQueueItem("i1", "PENDING", null, null)));

        assertEquals(new QueueRef("demo", "gpu"), queue.ref());
        assertEquals(PrioritizationMode.V0, queue.prioritizationMode());
        assertEquals(List.of(new ExternalLink("Runbook", "https://x/rb")), queue.externalLinks());
        DefaultResourceConfig config = queue.defaultResourceConfig();
        assertEquals("kubernetes", config.resourceType());
        assertEquals(Map.of("namespace", "ml", "gpus", "{{gpus}}"), config.resourceArgs());
        assertEquals(List.of(new TemplateVariable("gpus", "GPUs per run",
                Map.of("type", "integer", "minimum", 1, "maximum", 8, "default", 1))), config.templateVariables());
        assertEquals(1, queue.items().size());
        assertEquals(Instant.parse("2024-05-02T10:00:00Z"), queue.updatedAt());
    }

    @Test
    void queueReadsLinksAndConfigGivenAsJsonValuesAndToleratesMissingParts() {
        RunQueue queue = WandbMapping.runQueue(WandbJson.readTree("""
                {"id": "q", "name": "cpu", "entityName": "demo", "prioritizationMode": null,
                 "externalLinks": {"links": [{"label": "Docs", "url": "https://x/docs"}]},
                 "defaultResourceConfig": {"id": "c", "resource": "local-process",
                   "config": "{\\"resource_args\\": {\\"local-process\\": {}}}", "templateVariables": null}}
                """), new QueueRef("demo", "cpu"), List.of());
        assertEquals(PrioritizationMode.DISABLED, queue.prioritizationMode());
        assertEquals(List.of(new ExternalLink("Docs", "https://x/docs")), queue.externalLinks());
        assertEquals(Map.of(), queue.defaultResourceConfig().resourceArgs());
        assertEquals(List.of(), queue.defaultResourceConfig().templateVariables());

        RunQueue bare = WandbMapping.runQueue(WandbJson.readTree("{\"id\": \"q\", \"externalLinks\": null}"),
                new QueueRef("demo", "bare"), List.of());
        assertEquals(new QueueRef("demo", "bare"), bare.ref());
        assertNull(bare.defaultResourceConfig());
        assertEquals(List.of(), bare.externalLinks());
    }

    @Test
    void queueInputsAreTheSdkShapes() {
        assertEquals("{\"resource_args\":{\"kubernetes\":{\"namespace\":\"ml\"}}}",
                WandbMapping.resourceConfigJson("kubernetes", Map.of("namespace", "ml")));
        assertEquals("{\"resource_args\":{\"local-process\":{}}}",
                WandbMapping.resourceConfigJson("local-process", Map.of()));
        assertEquals("{\"gpus\":{\"description\":\"GPUs\",\"schema\":{\"type\":\"integer\"}}}",
                WandbMapping.templateVariablesJson(List.of(
                        new TemplateVariable("gpus", "GPUs", Map.of("type", "integer")))));
        assertEquals("{}", WandbMapping.templateVariablesJson(List.of()));
        assertEquals("{\"links\":[{\"label\":\"Runbook\",\"url\":\"https://x/rb\"}]}",
                WandbMapping.externalLinksJson(List.of(new ExternalLink("Runbook", "https://x/rb"))));
        assertEquals("{\"links\":[]}", WandbMapping.externalLinksJson(List.of()));
    }

    @Test
    void itemsPageCarriesCursorAndHasNext() {
        Page<RunQueueItem> page = WandbMapping.items(WandbJson.readTree("""
                {"pageInfo": {"endCursor": "c2", "hasNextPage": true},
                 "edges": [{"node": {"id": "i1", "state": "PENDING", "associatedRunId": null,
                                     "createdAt": "2024-05-01T10:00:00"}},
                           {"node": {"id": "i2", "state": "CLAIMED", "associatedRunId": "r9"}}]}
                """));
        assertEquals(List.of(new RunQueueItem("i1", "PENDING", null, Instant.parse("2024-05-01T10:00:00Z")),
                new RunQueueItem("i2", "CLAIMED", "r9", null)),
                page.items());
        assertEquals("c2", page.nextCursor());
        assertTrue(page.hasNextPage());
    }

    @Test
    void sweepConfigIsParsedFromYamlText() {
        Sweep sweep = WandbMapping.sweep(WandbJson.readTree("""
                {"__typename": "Sweep", "id": "U3dlZXA6MQ==", "name": "sw33p", "displayName": "lr search",
                 "method": "bayes", "state": "RUNNING", "description": null, "bestLoss": 0.125,
                 "config": "method: bayes\\nmetric:\\n  name: loss\\n  goal: minimize\\nparameters:\\n  lr:\\n    min: 0.001\\n    max: 0.1\\n",
                 "createdAt": "2024-05-01T10:00:00", "updatedAt": null, "runCount": 7, "runCountExpected": null}
                """), PROJECT);
        assertEquals(new SweepRef("demo", "vision", "sw33p"), sweep.ref());
        assertEquals("bayes", sweep.config().get("method"));
        assertEquals(Map.of("name", "loss", "goal", "minimize"), sweep.config().get("metric"));
        assertEquals(Map.of("lr", Map.of("min", 0.001, "max", 0.1)), sweep.config().get("parameters"));
        assertEquals(0.125, sweep.bestLoss());
        assertEquals(7, sweep.runCount());
        assertNull(sweep.runCountExpected());
    }

    @Test
    void membershipAndArtifactReadTheSdkFragments() {
        ArtifactMembership membership = WandbMapping.membership(WandbJson.readTree("""
                {"__typename": "ArtifactCollectionMembership", "id": "m1", "versionIndex": 2,
                 "createdAt": "2024-05-01T10:00:00",
                 "aliases": [{"__typename": "ArtifactAlias", "id": "a1", "alias": "prod"},
                             {"__typename": "ArtifactAlias", "id": "a2", "alias": "latest"}],
                 "artifactCollection": {"__typename": "ArtifactPortfolio", "name": "best-model",
                   "project": {"id": "p", "internalId": "7", "name": "wandb-registry-model", "entity": {"name": "acme-org"}}},
                 "artifact": {"__typename": "Artifact", "id": "QXJ0aWZhY3Q6OQ==", "versionIndex": 5,
                   "artifactSequence": {"__typename": "ArtifactSequence", "name": "model-a1b2",
                     "project": {"id": "p2", "internalId": "8", "name": "vision", "entity": {"name": "demo"}}},
                   "artifactType": {"name": "model"}, "description": null,
                   "metadata": "{\\"accuracy\\": 0.93}", "tags": [{"__typename": "Tag", "id": "t", "name": "resnet"}],
                   "state": "COMMITTED", "size": 1024, "digest": "abc", "createdAt": "2024-05-01T09:00:00",
                   "updatedAt": null}}
                """));
        assertEquals(new ArtifactRef("acme-org", "wandb-registry-model", "best-model", "v2"), membership.ref());
        assertEquals(List.of("prod", "latest"), membership.aliases());
        Artifact artifact = membership.artifact();
        assertEquals(new ArtifactRef("demo", "vision", "model-a1b2", "v5"), artifact.ref());
        assertEquals("model", artifact.type());
        assertEquals(Map.of("accuracy", 0.93), artifact.metadata());
        assertEquals(List.of("resnet"), artifact.tags());
        assertEquals(1024L, artifact.size());
    }

    @Test
    void artifactKeepsTheAliasesOfItsSourceCollection() {
        Artifact artifact = WandbMapping.artifact(WandbJson.readTree("""
                {"id": "a", "versionIndex": 0, "artifactSequence": {"name": "data",
                   "project": {"name": "vision", "entity": {"name": "demo"}}},
                 "artifactType": {"name": "dataset"},
                 "aliases": [{"alias": "latest", "artifactCollection": {"name": "data"}},
                             {"alias": "v0", "artifactCollection": {"name": "data"}},
                             {"alias": "prod", "artifactCollection": {"name": "linked-elsewhere"}}]}
                """));
        assertEquals(List.of("latest", "v0"), artifact.aliases());
        assertEquals("v0", artifact.version());
    }

    @Test
    void viewerAndProject() {
        Viewer viewer = WandbMapping.viewer(WandbJson.readTree("""
                {"id": "VXNlcjox", "name": "Ann", "username": "ann", "email": "ann@x", "admin": false,
                 "entity": "ann", "teams": {"edges": [{"node": {"name": "demo"}}]}}
                """));
        assertEquals(new Viewer("VXNlcjox", "ann", "Ann", "ann@x", "ann", false, List.of("demo")), viewer);

        Project project = WandbMapping.project(WandbJson.readTree("""
                {"project": {"id": "p", "name": "model-registry", "entityName": "demo", "description": null,
                   "access": "PRIVATE", "views": "{}"}, "model": null, "inserted": true}
                """), new ProjectRef("demo", "model-registry"));
        assertEquals(new Project("p", new ProjectRef("demo", "model-registry"), null, "PRIVATE", true), project);
    }
}
