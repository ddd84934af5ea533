package io.launchpilot.sandbox;

import static io.launchpilot.sandbox.GraphqlCalls.ok;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class SandboxControlResourceTest {

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/sandbox/api" + path).then();
    }

    @Test
    void createsARunWithAShortIdAndAGraphqlId() {
        ValidatableResponse created = post("/runs", """
                {"entity": "ctl", "project": "runs", "displayName": "first", "config": {"lr": 0.1},
                 "summary": {"loss": 0.5}, "tags": ["a"], "group": "g", "jobType": "train"}""")
                .statusCode(201)
                .body("name", matchesPattern("[a-z0-9]{8}"))
                .body("state", equalTo("running"))
                .body("config.lr", equalTo(0.1f))
                .body("summary.loss", equalTo(0.5f))
                .body("tags", contains("a"));
        String name = created.extract().path("name");
        String id = created.extract().path("id");
        assertEquals(Optional.of(new RunRef("ctl", "runs", name)), Ids.parseRun(id));

        ok("query Run($project: String!, $entity: String!, $name: String!) { project(name: $project, entityName: $entity) {"
                + " run(name: $name) { id name displayName state config group jobType tags } } }",
                Map.of("project", "runs", "entity", "ctl", "name", name))
                .body("data.project.run.id", equalTo(id))
                .body("data.project.run.displayName", equalTo("first"))
                .body("data.project.run.config", equalTo("{\"lr\":{\"value\":0.1,\"desc\":null}}"))
                .body("data.project.run.group", equalTo("g"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"project\": \"p\"}|400|\"entity\" is required",
        "{\"entity\": \"e\", \"project\": \"p\", \"colour\": 1}|400|unknown field \"colour\"",
        "{\"entity\": \"e\", \"project\": \"p\", \"tags\": \"x\"}|400|field \"tags\" has the wrong type",
        "{\"entity\": \"e\", \"project\": \"p\", \"config\": [1]}|400|field \"config\" has the wrong type",
        "{\"entity\": \"e\", \"project\": \"p\", \"state\": \"asleep\"}|400|invalid run state \"asleep\"",
        "{\"entity\": \"e\", \"project\": \"p\", \"sweep\": \"nosuch\"}|400|sweep nosuch not found in e/p",
        "{\"entity\": \"e/x\", \"project\": \"p\"}|400|entity \"e/x\" may only hold",
        "{\"entity\": \"e\",|400|body is not valid JSON",
        "[]|400|body has the wrong type",
    })
    void refusesBadRunsWithAProblem(String body, int status, String detail) {
        post("/runs", body).statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString(detail));
    }

    @Test
    void aDuplicateRunNameIsAConflict() {
        post("/runs", "{\"entity\": \"ctl\", \"project\": \"dup\", \"name\": \"same0001\"}").statusCode(201);
        post("/runs", "{\"entity\": \"ctl\", \"project\": \"dup\", \"name\": \"same0001\"}").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("run ctl/dup/same0001 already exists"));
    }

    @Test
    void patchMergesSummaryAndBumpsTheHeartbeat() throws InterruptedException {
        ValidatableResponse created = post("/runs", """
                {"entity": "ctl", "project": "patch", "summary": {"loss": 1.0, "acc": 0.1}, "config": {"a": 1}}""")
                .statusCode(201);
        String name = created.extract().path("name");
        Instant before = Instant.parse(created.extract().path("heartbeatAt"));
        Thread.sleep(5);
        ValidatableResponse patched = given().contentType(ContentType.JSON)
                .body("{\"state\": \"finished\", \"summary\": {\"loss\": 0.2}, \"config\": {\"b\": 2}, \"tags\": [\"done\"]}")
                .when().patch("/sandbox/api/runs/ctl/patch/" + name).then().statusCode(200)
                .body("state", equalTo("finished"))
                .body("summary.loss", equalTo(0.2f))
                .body("summary.acc", equalTo(0.1f))
                .body("config.a", equalTo(1))
                .body("config.b", equalTo(2))
                .body("tags", contains("done"));
        assertTrue(Instant.parse(patched.extract().path("heartbeatAt")).isAfter(before));

        given().contentType(ContentType.JSON).body("{\"state\": \"finished\"}")
                .when().patch("/sandbox/api/runs/ctl/patch/nosuchrun").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("run ctl/patch/nosuchrun not found"));
        given().contentType(ContentType.JSON).body("{\"state\": \"gone\"}")
                .when().patch("/sandbox/api/runs/ctl/patch/" + name).then().statusCode(400);
    }

    @Test
    void sweepsTakeYamlTextOrAJsonObject() {
        post("/sweeps", """
                {"entity": "ctl", "project": "sweeps", "config": "method: grid\\nparameters:\\n  lr:\\n    values: [1, 2]\\n"}""")
                .statusCode(201)
                .body("name", matchesPattern("[a-z0-9]{8}"))
                .body("method", equalTo("grid"))
                .body("state", equalTo("RUNNING"))
                .body("config", containsString("values: [1, 2]"));
        String name = post("/sweeps", """
                {"entity": "ctl", "project": "sweeps", "state": "paused",
                 "config": {"method": "bayes", "metric": {"name": "acc", "goal": "maximize"}}}""")
                .statusCode(201).body("state", equalTo("PAUSED")).extract().path("name");
        ok("query GetSweep($name: String!, $project: String, $entity: String) { project(name: $project, entityName: $entity) {"
                + " sweep(sweepName: $name) { name method state config runCount runCountExpected bestLoss } } }",
                Map.of("name", name, "project", "sweeps", "entity", "ctl"))
                .body("data.project.sweep.method", equalTo("bayes"))
                .body("data.project.sweep.config", containsString("goal: maximize"))
                .body("data.project.sweep.runCount", equalTo(0))
                .body("data.project.sweep.bestLoss", nullValue());

        post("/sweeps", "{\"entity\": \"ctl\", \"project\": \"sweeps\", \"config\": \"method: [\"}").statusCode(400)
                .body("detail", containsString("not valid YAML"));
        post("/sweeps", "{\"entity\": \"ctl\", \"project\": \"sweeps\", \"config\": {\"parameters\": {}}}").statusCode(400)
                .body("detail", containsString("method must be one of grid, random, bayes"));
        post("/sweeps", "{\"entity\": \"ctl\", \"project\": \"sweeps\"}").statusCode(400)
                .body("detail", containsString("\"config\" is required"));
    }

    @Test
    void anExistingArtifactNameGetsTheNextVersionAndLatest() {
        String run = post("/runs", "{\"entity\": \"ctl\", \"project\": \"arts\"}").statusCode(201).extract().path("name");
        post("/artifacts", "{\"entity\": \"ctl\", \"project\": \"arts\", \"run\": \"" + run
                + "\", \"type\": \"model\", \"name\": \"net\", \"aliases\": [\"best\"]}")
                .statusCode(201)
                .body("name", equalTo("net:v0"))
                .body("versionIndex", equalTo(0))
                .body("aliases", contains("latest", "best"))
                .body("run", equalTo(run));
        post("/artifacts", "{\"entity\": \"ctl\", \"project\": \"arts\", \"type\": \"model\", \"name\": \"net\"}")
                .statusCode(201)
                .body("name", equalTo("net:v1"))
                .body("aliases", contains("latest"));
        ok("query A($entity: String!, $project: String!, $name: String!) { project(name: $project, entityName: $entity) {"
                + " artifactCollectionMembership(name: $name) { versionIndex aliases { alias } artifact { versionIndex } } } }",
                Map.of("entity", "ctl", "project", "arts", "name", "net:latest"))
                .body("data.project.artifactCollectionMembership.versionIndex", equalTo(1))
                .body("data.project.artifactCollectionMembership.aliases.alias", contains("latest"));

        post("/artifacts", "{\"entity\": \"ctl\", \"project\": \"arts\", \"type\": \"dataset\", \"name\": \"net\"}")
                .statusCode(409).body("detail", containsString("has type model"));
        post("/artifacts", "{\"entity\": \"ctl\", \"project\": \"arts\", \"type\": \"model\", \"name\": \"net\", \"run\": \"nope\"}")
                .statusCode(404);
        post("/artifacts", "{\"entity\": \"ctl\", \"project\": \"arts\", \"name\": \"net\"}")
                .statusCode(400).body("detail", equalTo("\"type\" is required"));
    }

    @Test
    void resetEmptiesTheSandboxAndCanReseedTheDemo() {
        String visionRuns = "query Runs($project: String!, $entity: String!) { project(name: $project, entityName: $entity) {"
                + " runCount runQueue(name: \"cpu-local\") { name } } }";
        try {
            post("/reset", "").statusCode(200).body("reset", equalTo(true));
            ok(visionRuns, Map.of("project", "vision", "entity", "demo")).body("data.project", nullValue());
            given().when().get("/sandbox/api/stats").then().statusCode(200)
                    .body("total", equalTo(1)).body("operations.Runs", equalTo(1));
            post("/reset?seed=nope", "").statusCode(400).body("detail", containsString("unknown seed"));
        } finally {
            post("/reset?seed=demo", "").statusCode(200).body("seed", equalTo("demo"));
        }
        ok(visionRuns, Map.of("project", "vision", "entity", "demo"))
                .body("data.project.runCount", notNullValue());
        ok("query Q($project: String!, $entity: String!) { project(name: $project, entityName: $entity) {"
                + " runQueue(name: \"cpu-local\") { name prioritizationMode } } }",
                Map.of("project", "model-registry", "entity", "demo"))
                .body("data.project.runQueue.name", equalTo("cpu-local"));
        given().when().get("/sandbox/api/stats").then().body("$", hasKey("operations"));
    }
}
