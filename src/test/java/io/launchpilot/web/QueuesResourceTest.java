package io.launchpilot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.launchpilot.queue.SandboxStats;
import io.launchpilot.queue.Specs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queues REST API: plan/apply from a body, reads, PUT, enqueue; every error as problem+json. */
@QuarkusTest
class QueuesResourceTest {

    static final String ENTITY = "lp-rest";
    static final String YAML = "application/yaml";

    @BeforeEach
    void emptySandbox() {
        SandboxStats.reset();
    }

    /** A request with a YAML body (RestAssured would not encode application/yaml by itself). */
    private static io.restassured.specification.RequestSpecification yaml(String body) {
        return given().contentType(YAML).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String twoQueues() {
        return Specs.kubernetes(ENTITY, "gpu", "V0", "ml") + "---\n" + Specs.local(ENTITY, "cpu");
    }

    @Test
    void planApplyAndReApply() {
        yaml(twoQueues()).post("/api/v1/queues:plan")
                .then().statusCode(200)
                .body("changes.action", contains("create", "create"))
                .body("summary.create", equalTo(2));

        yaml(twoQueues()).post("/api/v1/queues:apply?dryRun=true")
                .then().statusCode(200).body("dryRun", equalTo(true));
        given().get("/api/v1/queues?entity=" + ENTITY).then().statusCode(200).body("$", hasSize(0));

        yaml(twoQueues()).post("/api/v1/queues:apply")
                .then().statusCode(200)
                .body("applied.action", contains("create", "create"));

        SandboxStats before = SandboxStats.now();
        yaml(twoQueues()).post("/api/v1/queues:apply")
                .then().statusCode(200)
                .body("plan.changes.action", contains("unchanged", "unchanged"));
        assertEquals(0, SandboxStats.now().mutationsSince(before));

        given().get("/api/v1/queues?entity=" + ENTITY).then().statusCode(200)
                .body("name", contains("gpu", "cpu"))
                .body("managed", contains(true, true));
        given().get("/api/v1/queues/" + ENTITY + "/gpu").then().statusCode(200)
                .body("resource", equalTo("kubernetes"))
                .body("prioritization", equalTo("V0"))
                .body("config.namespace", equalTo("ml"))
                .body("items", hasSize(0));
    }

    @Test
    void theColonMayComeEncodedOrNot() {
        given().urlEncodingEnabled(false).contentType(ContentType.TEXT).body(Specs.local(ENTITY, "cpu"))
                .post("/api/v1/queues:plan").then().statusCode(200).body("changes.action", contains("create"));
        given().urlEncodingEnabled(false).contentType(ContentType.TEXT).body(Specs.local(ENTITY, "cpu"))
                .post("/api/v1/queues%3Aplan?prune=true").then().statusCode(200).body("changes.action", contains("create"));
    }

    @Test
    void jsonBodiesWork() {
        String json = "{\n\t\"apiVersion\": \"launchpilot/v1\", \"kind\": \"RunQueue\",\n"
                + "\t\"metadata\": {\"name\": \"j\", \"entity\": \"" + ENTITY + "\"},\n"
                + "\t\"spec\": {\"resource\": \"local-process\", \"config\": {\"x\": 1}}}";
        given().contentType(ContentType.JSON).body(json).post("/api/v1/queues:apply")
                .then().statusCode(200).body("applied[0].queue.name", equalTo("j"));
    }

    @Test
    void validationErrorsAreProblemsWithPositions() {
        String bad = Specs.local(ENTITY, "cpu").replace("local-container", "slurm") + "  extra: 1\n";
        SandboxStats before = SandboxStats.now();
        yaml(bad).post("/api/v1/queues:apply")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid queue specs"))
                .body("errors.location", contains("body:5:13", "body:7:3"))
                .body("errors[0].reason", startsWith("spec.resource must be one of"))
                .body("errors[1].reason", startsWith("unknown key \"extra\" in spec"));
        assertEquals(0, SandboxStats.now().since(before).size());
    }

    @Test
    void v0BackToDisabledIsAConflict() {
        yaml(twoQueues()).post("/api/v1/queues:apply").then().statusCode(200);
        String downgrade = twoQueues().replace("prioritization: V0", "prioritization: DISABLED");
        yaml(downgrade).post("/api/v1/queues:plan")
                .then().statusCode(200).body("changes.action", contains("refused", "unchanged"));
        yaml(downgrade).post("/api/v1/queues:apply")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].location", equalTo("body:8:19"))
                .body("errors[0].reason", containsString("V0"));
    }

    @Test
    void putCreatesOrUpdatesOneQueue() {
        String gpu = Specs.kubernetes(ENTITY, "gpu", "V0", "ml");
        yaml(gpu).put("/api/v1/queues/" + ENTITY + "/gpu")
                .then().statusCode(201).body("applied[0].action", equalTo("create"));
        yaml(gpu.replace("namespace: ml", "namespace: prod")).put("/api/v1/queues/" + ENTITY + "/gpu")
                .then().statusCode(200)
                .body("applied[0].fields[0].field", equalTo("config.namespace"));
        yaml(gpu).put("/api/v1/queues/" + ENTITY + "/other")
                .then().statusCode(422)
                .body("errors[0].location", equalTo("body:4:9"))
                .body("errors[0].reason", containsString("path names " + ENTITY + "/other"));
    }

    @Test
    void unknownQueuesAre404AndBadPaths400() {
        given().get("/api/v1/queues/" + ENTITY + "/nope")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("queue " + ENTITY + "/nope not found"));
        given().get("/api/v1/queues/" + ENTITY + "/" + "q".repeat(65))
                .then().statusCode(400).contentType("application/problem+json");
        given().delete("/api/v1/queues/" + ENTITY + "/nope").then().statusCode(404);
    }

    @Test
    void enqueueValidatesAgainstTheQueue() {
        yaml(twoQueues()).post("/api/v1/queues:apply").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("image", "python:3.12", "vars", Map.of("gpus", 2), "priority", "critical",
                        "config", Map.of("lr", 0.1), "project", "vision"))
                .post("/api/v1/queues/" + ENTITY + "/gpu/items")
                .then().statusCode(201)
                .body("itemId", startsWith(""))
                .body("runSpec.overrides.run_config.lr", equalTo(0.1f));

        SandboxStats before = SandboxStats.now();
        given().contentType(ContentType.JSON)
                .body(Map.of("image", "python:3.12", "vars", Map.of("gpus", 2.5, "nope", 1)))
                .post("/api/v1/queues/" + ENTITY + "/gpu/items")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.location", containsInAnyOrder("vars.gpus", "vars.nope"))
                .body("errors.find { it.location == 'vars.gpus' }.reason", equalTo("must be an integer, got 2.5"));
        given().contentType(ContentType.JSON)
                .body(Map.of("image", "python:3.12", "priority", "high"))
                .post("/api/v1/queues/" + ENTITY + "/cpu/items")
                .then().statusCode(422)
                .body("errors[0].location", equalTo("priority"))
                .body("errors[0].reason", containsString("DISABLED"));
        given().contentType(ContentType.JSON).body(Map.of("image", "i", "priority", "urgent"))
                .post("/api/v1/queues/" + ENTITY + "/gpu/items")
                .then().statusCode(422).body("errors[0].location", equalTo("priority"));
        given().contentType(ContentType.JSON).body(Map.of("vars", Map.of()))
                .post("/api/v1/queues/" + ENTITY + "/gpu/items")
                .then().statusCode(422).body("errors[0].reason", equalTo("give exactly one of job and image"));
        assertEquals(0, SandboxStats.now().mutationsSince(before));
        given().contentType(ContentType.JSON).body(Map.of("image", "i"))
                .post("/api/v1/queues/" + ENTITY + "/nope/items")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
