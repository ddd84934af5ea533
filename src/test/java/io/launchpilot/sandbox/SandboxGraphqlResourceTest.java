package io.launchpilot.sandbox;

import static io.launchpilot.sandbox.GraphqlCalls.graphql;
import static io.launchpilot.sandbox.GraphqlCalls.ok;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SandboxGraphqlResourceTest {

    @AfterEach
    void clearFaults() {
        given().when().delete("/sandbox/api/faults").then().statusCode(200);
    }

    private static int count(String operation) {
        Integer count = given().when().get("/sandbox/api/stats").then().statusCode(200)
                .extract().path("operations." + operation);
        return count == null ? 0 : count;
    }

    private static int total() {
        return given().when().get("/sandbox/api/stats").then().extract().path("total");
    }

    @Test
    void malformedDocumentsGetGraphqlErrorsWithoutInternals() {
        String body = graphql("query Broken { project(name: ", Map.of()).statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].message", containsString("Invalid syntax"))
                .extract().asString();
        assertTrue(!body.contains("Exception") && !body.contains("at io.") && !body.contains("at graphql."), body);
    }

    @Test
    void documentsThatCannotRunAnswer400WithWandbWording() {
        graphql("query Q { viewer { username favouriteColour } }", Map.of()).statusCode(400)
                .body("data", nullValue())
                .body("errors[0].message", equalTo("Cannot query field \"favouriteColour\" on type \"User\"."));
        graphql("query Q($x: Nope) { viewer { username } }", Map.of()).statusCode(400)
                .body("errors[0].message", containsString("Nope"));
        graphql("query Q($n: String!) { project(name: $n) { name } }", Map.of("n", List.of(1))).statusCode(400)
                .body("errors[0].message", containsString("n"));
    }

    @Test
    void badRequestsThatAreNotGraphqlAnswer400() {
        given().contentType(ContentType.JSON).body("this is not json").when().post("/sandbox/graphql").then()
                .statusCode(400).body("errors[0].message", containsString("not valid JSON"));
        given().contentType(ContentType.JSON).body("{\"variables\": {}}").when().post("/sandbox/graphql").then()
                .statusCode(400).body("errors[0].message", equalTo("request body must have a \"query\" string"));
    }

    @Test
    void fetcherRefusalsBecomeErrorsNamingTheProblem() {
        graphql("query Runs { project(name: \"vision\", entityName: \"demo\") { runs(filters: \"{\\\"state\\\": {\\\"$like\\\": 1}}\") { edges { node { name } } } } }",
                Map.of()).statusCode(200)
                .body("errors[0].message", equalTo("unknown operator $like on state"))
                .body("errors[0].path", contains("project", "runs"));
        graphql("mutation M { pushToRunQueueByName(input: {entityName: \"demo\", projectName: \"model-registry\", queueName: \"nope\", runSpec: \"{}\"}) { runQueueItemId } }",
                Map.of()).statusCode(200)
                .body("errors[0].message", equalTo("run queue nope not found in demo/model-registry"));
    }

    @Test
    void statsCountRequestsByTheOperationNamedInTheDocument() {
        int before = total();
        int viewer = count("Viewer");
        int anonymous = count(SandboxStats.ANONYMOUS);
        int named = count("Explicit");
        ok("query Viewer { viewer { username } }", Map.of());
        ok("query Viewer { viewer { username } }", Map.of());
        ok("{ viewer { username } }", Map.of());
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "query A { viewer { id } } query Explicit { viewer { username } }", "operationName", "Explicit"))
                .when().post("/sandbox/graphql").then().statusCode(200).body("data.viewer.username", equalTo("demo"));
        assertEquals(viewer + 2, count("Viewer"));
        assertEquals(anonymous + 1, count(SandboxStats.ANONYMOUS));
        assertEquals(named + 1, count("Explicit"));
        assertEquals(before + 4, total());
    }

    @Test
    void everyNthRequestIsRateLimitedWithRetryAfter() {
        given().contentType(ContentType.JSON).body("{\"rateLimitEvery\": 3, \"retryAfterSeconds\": 2}")
                .when().post("/sandbox/api/faults").then().statusCode(200).body("rateLimitEvery", equalTo(3));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var response = graphql("query Viewer { viewer { username } }", Map.of()).extract().response();
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertEquals("2", response.header("Retry-After"));
            }
        }
        assertEquals(List.of(200, 200, 429, 200, 200, 429), statuses);
        // faults apply to GraphQL only: the control API keeps answering
        for (int i = 0; i < 3; i++) {
            given().when().get("/sandbox/api/stats").then().statusCode(200);
        }
    }

    @Test
    void latencyDelaysAnswersAndErrorRateFailsThem() {
        given().contentType(ContentType.JSON).body("{\"latencyMs\": 300}").when().post("/sandbox/api/faults").then().statusCode(200);
        long start = System.nanoTime();
        ok("query Viewer { viewer { username } }", Map.of());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);

        given().contentType(ContentType.JSON).body("{\"errorRate\": 1.0}").when().post("/sandbox/api/faults").then().statusCode(200);
        graphql("query Viewer { viewer { username } }", Map.of()).statusCode(oneOf(500, 503))
                .body("errors[0].message", containsString("injected fault"));

        given().contentType(ContentType.JSON).body("{\"errorRate\": 2}").when().post("/sandbox/api/faults").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("errorRate must be between 0 and 1, got 2.0"));
        given().contentType(ContentType.JSON).body("{\"rateLimit\": 2}").when().post("/sandbox/api/faults").then()
                .statusCode(400).body("detail", containsString("unknown field \"rateLimit\""));
    }

    @Test
    void aliasesSelectSeveralProjectsInOneRequest() {
        ok("query Two { a: project(name: \"vision\", entityName: \"demo\") { name } b: project(name: \"model-registry\", entityName: \"demo\") { name } c: project(name: \"nope\", entityName: \"demo\") { name } }",
                Map.of())
                .body("data.a.name", equalTo("vision"))
                .body("data.b.name", equalTo("model-registry"))
                .body("data.c", nullValue());
    }

    @Test
    void aQueueGoesThroughItsLifeAsTheSdkAndAgentsDriveIt() {
        String entity = "gqlqueue";
        ok("mutation CreateProject($input: UpsertModelInput!) { result: upsertModel(input: $input) { project { id name entityName } inserted } }",
                Map.of("input", Map.of("name", "model-registry", "entityName", entity)))
                .body("data.result.inserted", equalTo(true));
        String rcId = ok("mutation CreateDefaultResourceConfig($entityName: String!, $resource: String!, $config: JSONString!, $templateVariables: JSONString) {"
                + " createDefaultResourceConfig(input: {entityName: $entityName, resource: $resource, config: $config, templateVariables: $templateVariables}) { defaultResourceConfigID success } }",
                Map.of("entityName", entity, "resource", "kubernetes",
                        "config", "{\"resource_args\": {\"kubernetes\": {\"cpu\": \"{{cpus}}\"}}}",
                        "templateVariables", "{\"cpus\": {\"description\": \"cores\", \"schema\": {\"type\": \"integer\", \"default\": 1, \"maximum\": 4}}}"))
                .body("data.createDefaultResourceConfig.success", equalTo(true))
                .extract().path("data.createDefaultResourceConfig.defaultResourceConfigID");
        ok("mutation CreateRunQueue($entity: String!, $project: String!, $queueName: String!, $access: RunQueueAccessType!, $prioritizationMode: RunQueuePrioritizationMode, $defaultResourceConfigID: ID) {"
                + " createRunQueue(input: {entityName: $entity, projectName: $project, queueName: $queueName, access: $access, prioritizationMode: $prioritizationMode, defaultResourceConfigID: $defaultResourceConfigID}) { success queueID } }",
                Map.of("entity", entity, "project", "model-registry", "queueName", "gpu", "access", "PROJECT",
                        "prioritizationMode", "V0", "defaultResourceConfigID", rcId))
                .body("data.createRunQueue.success", equalTo(true));

        ok("query GetRunQueueMetadata($projectName: String!, $entityName: String!, $runQueue: String!) { project(name: $projectName, entityName: $entityName) {"
                + " runQueue(name: $runQueue) { id access defaultResourceConfigID prioritizationMode externalLinks createdBy"
                + " defaultResourceConfig { id config resource templateVariables { name description schema } } } } }",
                Map.of("projectName", "model-registry", "entityName", entity, "runQueue", "gpu"))
                .body("data.project.runQueue.access", equalTo("PROJECT"))
                .body("data.project.runQueue.defaultResourceConfigID", equalTo(rcId))
                .body("data.project.runQueue.prioritizationMode", equalTo("V0"))
                .body("data.project.runQueue.externalLinks.links", hasSize(0))
                .body("data.project.runQueue.defaultResourceConfig.config.resource_args.kubernetes.cpu", equalTo("{{cpus}}"))
                .body("data.project.runQueue.defaultResourceConfig.resource", equalTo("kubernetes"))
                .body("data.project.runQueue.defaultResourceConfig.templateVariables[0].name", equalTo("cpus"))
                .body("data.project.runQueue.defaultResourceConfig.templateVariables[0].schema",
                        equalTo("{\"type\":\"integer\",\"default\":1,\"maximum\":4}"));
        ok("query GetDefaultResourceConfig($entityName: String!, $id: ID!) { entity(name: $entityName) { defaultResourceConfig(id: $id) { config resource templateVariables { name schema } } } }",
                Map.of("entityName", entity, "id", rcId))
                .body("data.entity.defaultResourceConfig.resource", equalTo("kubernetes"));

        String push = "mutation pushToRunQueueByName($entityName: String!, $projectName: String!, $queueName: String!, $runSpec: JSONString!, $priority: Int, $templateVariableValues: JSONString) {"
                + " pushToRunQueueByName(input: {entityName: $entityName, projectName: $projectName, queueName: $queueName, runSpec: $runSpec, priority: $priority, templateVariableValues: $templateVariableValues}) { runQueueItemId runSpec } }";
        Map<String, Object> variables = new HashMap<>(Map.of("entityName", entity, "projectName", "model-registry",
                "queueName", "gpu", "runSpec", "{\"docker\": {\"docker_image\": \"python:3.11\"}, \"project\": \"train\"}",
                "priority", 3, "templateVariableValues", "{\"cpus\": 2}"));
        String low = ok(push, variables)
                .body("data.pushToRunQueueByName.runSpec", equalTo(
                        "{\"docker\":{\"docker_image\":\"python:3.11\"},\"project\":\"train\",\"resource\":\"kubernetes\",\"resource_args\":{\"kubernetes\":{\"cpu\":2}}}"))
                .extract().path("data.pushToRunQueueByName.runQueueItemId");
        variables.put("priority", 0);
        String critical = ok(push, variables).extract().path("data.pushToRunQueueByName.runQueueItemId");
        variables.put("templateVariableValues", "{\"cpus\": 9}");
        graphql(push, variables).statusCode(200)
                .body("errors[0].message", equalTo("template variable cpus must be at most 4, got 9"));

        ok("query Items($projectName: String!, $entityName: String!, $runQueue: String!) { project(name: $projectName, entityName: $entityName) {"
                + " runQueue(name: $runQueue) { runQueueItems(first: 1) { pageInfo { hasNextPage endCursor } edges { node { id state priority templateVariableValues runSpec } } } } } }",
                Map.of("projectName", "model-registry", "entityName", entity, "runQueue", "gpu"))
                .body("data.project.runQueue.runQueueItems.edges[0].node.id", equalTo(critical))
                .body("data.project.runQueue.runQueueItems.edges[0].node.templateVariableValues", equalTo("{\"cpus\":2}"))
                .body("data.project.runQueue.runQueueItems.edges[0].node.runSpec.resource", equalTo("kubernetes"))
                .body("data.project.runQueue.runQueueItems.pageInfo.hasNextPage", equalTo(true));

        String pop = "mutation popFromRunQueue($entity: String!, $project: String!, $queueName: String!, $launchAgentId: ID) {"
                + " popFromRunQueue(input: {entityName: $entity, projectName: $project, queueName: $queueName, launchAgentId: $launchAgentId}) { runQueueItemId runSpec } }";
        Map<String, Object> popVars = Map.of("entity", entity, "project", "model-registry", "queueName", "gpu");
        ok(pop, popVars).body("data.popFromRunQueue.runQueueItemId", equalTo(critical))
                .body("data.popFromRunQueue.runSpec.resource", equalTo("kubernetes"));
        ok("mutation ackRunQueueItem($itemId: ID!, $runId: String!) { ackRunQueueItem(input: { runQueueItemId: $itemId, runName: $runId }) { success } }",
                Map.of("itemId", critical, "runId", "run00001")).body("data.ackRunQueueItem.success", equalTo(true));
        String item = "query GetRunQueueItem($projectName: String!, $entityName: String!, $runQueue: String!, $itemId: ID!) { project(name: $projectName, entityName: $entityName) {"
                + " runQueue(name: $runQueue) { runQueueItem(id: $itemId) { id state associatedRunId } } } }";
        ok(item, Map.of("projectName", "model-registry", "entityName", entity, "runQueue", "gpu", "itemId", critical))
                .body("data.project.runQueue.runQueueItem.state", equalTo("CLAIMED"))
                .body("data.project.runQueue.runQueueItem.associatedRunId", equalTo("run00001"));
        ok(pop, popVars).body("data.popFromRunQueue.runQueueItemId", equalTo(low));
        ok("mutation failRunQueueItem($runQueueItemId: ID!, $message: String!, $stage: String!, $filePaths: [String!]) {"
                + " failRunQueueItem(input: {runQueueItemId: $runQueueItemId, message: $message, stage: $stage, filePaths: $filePaths}) { success } }",
                Map.of("runQueueItemId", low, "message", "image pull failed", "stage", "run")).body("data.failRunQueueItem.success", equalTo(true));
        ok(item, Map.of("projectName", "model-registry", "entityName", entity, "runQueue", "gpu", "itemId", low))
                .body("data.project.runQueue.runQueueItem.state", equalTo("FAILED"));
        ok(pop, popVars).body("data.popFromRunQueue", nullValue());

        String queueId = ok("query ProjectRunQueues($entity: String!, $projectName: String!) { project(entityName: $entity, name: $projectName) { runQueues { id name createdBy access } } }",
                Map.of("entity", entity, "projectName", "model-registry"))
                .body("data.project.runQueues.name", contains("gpu"))
                .extract().path("data.project.runQueues[0].id");
        ok("mutation DeleteFromRunQueue($queueID: ID!, $runQueueItemId: ID!) { deleteFromRunQueue(input: {queueID: $queueID, runQueueItemId: $runQueueItemId}) { success clientMutationId } }",
                Map.of("queueID", queueId, "runQueueItemId", low)).body("data.deleteFromRunQueue.success", equalTo(true));
        ok("mutation DeleteRunQueue($id: ID!) { deleteRunQueues(input: {queueIDs: [$id]}) { success clientMutationId } }",
                Map.of("id", queueId)).body("data.deleteRunQueues.success", equalTo(true));
        ok("query ProjectRunQueues($entity: String!, $projectName: String!) { project(entityName: $entity, name: $projectName) { runQueues { id } } }",
                Map.of("entity", entity, "projectName", "model-registry")).body("data.project.runQueues", hasSize(0));
    }

    @Test
    void upsertRunQueueReportsSchemaProblemsWithoutFailing() {
        ok("mutation UpsertRunQueue($entityName: String!, $projectName: String!, $queueName: String!, $resourceType: String!, $resourceConfig: JSONString!, $templateVariables: JSONString, $prioritizationMode: RunQueuePrioritizationMode, $externalLinks: JSONString, $clientMutationId: String) {"
                + " upsertRunQueue(input: {entityName: $entityName, projectName: $projectName, queueName: $queueName, resourceType: $resourceType, resourceConfig: $resourceConfig, templateVariables: $templateVariables, prioritizationMode: $prioritizationMode, externalLinks: $externalLinks, clientMutationId: $clientMutationId}) { success configSchemaValidationErrors } }",
                Map.of("entityName", "gqlupsert", "projectName", "model-registry", "queueName", "q", "resourceType", "local-container",
                        "resourceConfig", "{\"resource_args\": {\"local-container\": {\"env\": [\"X={{undeclared}}\"]}}}",
                        "prioritizationMode", "DISABLED",
                        "externalLinks", "{\"links\": [{\"label\": \"Docs\", \"url\": \"https://example.invalid\"}]}"))
                .body("data.upsertRunQueue.success", equalTo(true))
                .body("data.upsertRunQueue.configSchemaValidationErrors",
                        contains("config uses {{undeclared}} but no template variable undeclared is defined"));
        ok("query Q { project(name: \"model-registry\", entityName: \"gqlupsert\") { runQueue(name: \"q\") { externalLinks defaultResourceConfig { resource } } } }", Map.of())
                .body("data.project.runQueue.externalLinks.links[0].label", equalTo("Docs"))
                .body("data.project.runQueue.defaultResourceConfig.resource", equalTo("local-container"));
    }

    @Test
    void upsertBucketCreatesAndUpdatesRunsAsTheSdkSendsIt() {
        String id = ok("mutation UpsertBucket($name: String, $project: String, $entity: String, $state: String) {"
                + " upsertBucket(input: {modelName: $project, entityName: $entity, name: $name, state: $state}) { bucket { project { name entity { name } } id name } inserted } }",
                Map.of("project", "buckets", "entity", "gqlbucket", "name", "bucket01", "state", "pending"))
                .body("data.upsertBucket.inserted", equalTo(true))
                .body("data.upsertBucket.bucket.name", equalTo("bucket01"))
                .body("data.upsertBucket.bucket.project.entity.name", equalTo("gqlbucket"))
                .extract().path("data.upsertBucket.bucket.id");
        ok("mutation UpsertBucket($id: String!, $description: String, $display_name: String, $notes: String, $tags: [String!], $config: JSONString!, $groupName: String, $jobType: String) {"
                + " upsertBucket(input: {id: $id, description: $description, displayName: $display_name, notes: $notes, tags: $tags, config: $config, groupName: $groupName, jobType: $jobType}) { bucket { id tags displayName config group jobType } } }",
                Map.of("id", id, "display_name", "renamed", "tags", List.of("x", "y"), "config", "{\"lr\": {\"value\": 0.3, \"desc\": null}}",
                        "groupName", "grp", "jobType", "eval"))
                .body("data.upsertBucket.bucket.tags", contains("x", "y"))
                .body("data.upsertBucket.bucket.displayName", equalTo("renamed"))
                .body("data.upsertBucket.bucket.group", equalTo("grp"));
        ok("mutation UpsertBucket($id: String, $summaryMetrics: JSONString) { upsertBucket(input: {id: $id, summaryMetrics: $summaryMetrics}) { bucket { id summaryMetrics } } }",
                Map.of("id", id, "summaryMetrics", "{\"acc\": 0.9}"))
                .body("data.upsertBucket.bucket.summaryMetrics", equalTo("{\"acc\":0.9}"));
        ok("query Runs($project: String!, $entity: String!, $filters: JSONString) { project(name: $project, entityName: $entity) {"
                + " internalId runCount(filters: $filters) readOnly runs(filters: $filters, first: 5) { edges { node { projectId name state config jobType } cursor } } } }",
                Map.of("project", "buckets", "entity", "gqlbucket", "filters", "{\"config.lr\": {\"$gt\": 0.2}, \"tags\": \"y\"}"))
                .body("data.project.runCount", equalTo(1))
                .body("data.project.runs.edges[0].node.name", equalTo("bucket01"))
                .body("data.project.runs.edges[0].node.state", equalTo("pending"))
                .body("data.project.runs.edges[0].node.projectId", equalTo(given().contentType(ContentType.JSON)
                        .body(Map.of("query", "{ project(name: \"buckets\", entityName: \"gqlbucket\") { internalId } }"))
                        .post("/sandbox/graphql").then().extract().path("data.project.internalId")))
                .body("data.project.runs.edges[0].cursor", notNullValue());
        ok("mutation UpdateRunState($input: UpdateRunStateInput!) { updateRunState(input: $input) { success } }",
                Map.of("input", Map.of("id", id, "state", "failed"))).body("data.updateRunState.success", equalTo(true));
        ok("mutation StopRun($id: ID!) { stopRun(input: {id: $id}) { success } }", Map.of("id", id))
                .body("data.stopRun.success", equalTo(true));
        graphql("mutation StopRun($id: ID!) { stopRun(input: {id: $id}) { success } }", Map.of("id", "garbage"))
                .statusCode(200).body("errors[0].message", equalTo("invalid run id: garbage"));
    }

    @Test
    void upsertSweepCreatesWithPriorRunsAndChangesState() {
        String prior = given().contentType(ContentType.JSON).body("{\"entity\": \"gqlsweep\", \"project\": \"p\", \"state\": \"finished\"}")
                .when().post("/sandbox/api/runs").then().statusCode(201).extract().path("name");
        String upsert = "mutation UpsertSweep($id: ID, $config: String, $description: String, $entityName: String, $projectName: String,"
                + " $controller: JSONString, $scheduler: JSONString, $state: String, $priorRunsFilters: JSONString, $displayName: String) {"
                + " upsertSweep(input: {id: $id, config: $config, description: $description, entityName: $entityName, projectName: $projectName,"
                + " controller: $controller, scheduler: $scheduler, state: $state, priorRunsFilters: $priorRunsFilters, displayName: $displayName}) {"
                + " sweep { id name project { id name entity { id name } } } configValidationWarnings } }";
        Map<String, Object> create = new HashMap<>(Map.of("config", "method: random\nparameters:\n  lr:\n    values: [1, 2]\n",
                "entityName", "gqlsweep", "projectName", "p", "priorRunsFilters", "{\"$or\": [{\"name\": \"" + prior + "\"}]}"));
        var created = ok(upsert, create)
                .body("data.upsertSweep.sweep.project.entity.name", equalTo("gqlsweep"))
                .body("data.upsertSweep.configValidationWarnings", hasSize(0))
                .extract();
        String sweepId = created.path("data.upsertSweep.sweep.id");
        String sweepName = created.path("data.upsertSweep.sweep.name");
        ok("query Run($project: String!, $entity: String!, $name: String!) { project(name: $project, entityName: $entity) { run(name: $name) { sweepName } } }",
                Map.of("project", "p", "entity", "gqlsweep", "name", prior))
                .body("data.project.run.sweepName", equalTo(sweepName));

        ok(upsert, Map.of("id", sweepId, "state", "PAUSED", "entityName", "gqlsweep", "projectName", "p"));
        ok("query GetSweep($name: String!, $project: String, $entity: String) { project(name: $project, entityName: $entity) {"
                + " sweep(sweepName: $name) { __typename id name displayName method state description bestLoss config createdAt updatedAt runCount runCountExpected"
                + " runs { edges { node { name state config exitcode heartbeatAt shouldStop failed stopped running summaryMetrics sampledHistory(specs: [\"{}\"]) } } } } } }",
                Map.of("name", sweepName, "project", "p", "entity", "gqlsweep"))
                .body("data.project.sweep.state", equalTo("PAUSED"))
                .body("data.project.sweep.runCount", equalTo(1))
                .body("data.project.sweep.runs.edges[0].node.exitcode", equalTo(0))
                .body("data.project.sweep.runs.edges[0].node.sampledHistory", hasSize(1));
        graphql(upsert, Map.of("id", sweepId, "state", "SLEEPING")).statusCode(200)
                .body("data.upsertSweep", nullValue())
                .body("errors[0].message", containsString("invalid sweep state \"SLEEPING\""));
    }

    @Test
    void artifactsLinkIntoTheRegistryAndResolveByAlias() {
        String artifactId = given().contentType(ContentType.JSON)
                .body("{\"entity\": \"gqlart\", \"project\": \"p\", \"type\": \"model\", \"name\": \"clf\"}")
                .when().post("/sandbox/api/artifacts").then().statusCode(201).extract().path("id");
        String org = ok("query FetchOrgInfoFromEntity($entity: String!) { entity(name: $entity) { organization { name orgEntity { name } } user { organizations { name orgEntity { name } } } } }",
                Map.of("entity", "gqlart"))
                .body("data.entity.organization.name", equalTo(Viewer.ORGANIZATION))
                .extract().path("data.entity.organization.orgEntity.name");
        ok("mutation LinkArtifact($input: LinkArtifactInput!) { result: linkArtifact(input: $input) { versionIndex artifactMembership { id versionIndex aliases { alias } artifactCollection { __typename name project { name entity { name } } } artifact { id } } } }",
                Map.of("input", Map.of("artifactID", artifactId, "artifactPortfolioName", "gql-classifier", "entityName", org,
                        "projectName", "wandb-registry-model", "aliases", List.of(Map.of("artifactCollectionName", "gql-classifier", "alias", "prod")))))
                .body("data.result.versionIndex", equalTo(0))
                .body("data.result.artifactMembership.aliases.alias", contains("latest", "prod"))
                .body("data.result.artifactMembership.artifactCollection.__typename", equalTo("ArtifactPortfolio"))
                .body("data.result.artifactMembership.artifactCollection.project.entity.name", equalTo(Viewer.ORG_ENTITY))
                .body("data.result.artifactMembership.artifact.id", equalTo(artifactId));
        ok("query ArtifactMembershipByName($entity: String!, $project: String!, $name: String!) { project(name: $project, entityName: $entity) {"
                + " artifactCollectionMembership(name: $name) { versionIndex artifact { id artifactSequence { __typename name project { name } } aliases { alias artifactCollection { name } } } } } }",
                Map.of("entity", org, "project", "wandb-registry-model", "name", "gql-classifier:prod"))
                .body("data.project.artifactCollectionMembership.artifact.id", equalTo(artifactId))
                .body("data.project.artifactCollectionMembership.artifact.artifactSequence.__typename", equalTo("ArtifactSequence"))
                .body("data.project.artifactCollectionMembership.artifact.artifactSequence.name", equalTo("clf"))
                .body("data.project.artifactCollectionMembership.artifact.aliases.alias", contains("latest", "latest", "prod"));
        ok("query Features { serverInfo { features { name isEnabled } } }", Map.of())
                .body("data.serverInfo.features.name", not(hasSize(0)));
    }
}
