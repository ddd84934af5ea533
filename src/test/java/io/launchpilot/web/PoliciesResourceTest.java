package io.launchpilot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policies' REST API over the example policies and the sandbox; problems are problem+json. */
@QuarkusTest
class PoliciesResourceTest {

    @Inject
    WandbClient wandb;

    @Test
    void listsAndShowsTheRunningPolicies() {
        given().get("/api/v1/policies").then().statusCode(200)
                .body("name", hasItem("promote-sweep-winner"));
        given().get("/api/v1/policies/promote-sweep-winner").then().statusCode(200)
                .body("policy.triggers", contains("event:sweep.state_changed"))
                .body("policy.actions", contains("linkArtifact", "enqueue", "tagRun"))
                .body("policy.cooldown", equalTo("PT1M"))
                .body("firings.size()", equalTo(0));
        given().get("/api/v1/policies/nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void validateAnswersThePoliciesOr422WithEveryProblem() {
        given().body("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: ok }
                spec:
                  on: [ { webhook: { source: wandb } } ]
                  do: [ { log: { message: "${artifact.path}" } } ]
                """).post("/api/v1/policies:validate").then().statusCode(200)
                .body("[0].triggers", contains("webhook:wandb"));
        given().body("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: bad }
                spec:
                  on: [ { schedule: { cron: "0 2 * * *", timezone: Nowhere } } ]
                  do: [ { tagRun: { add: [x] } }, { log: { message: "${run.path}" } } ]
                """).post("/api/v1/policies:validate").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.location", contains("body:5:52"))
                .body("errors[0].reason", startsWith("schedule.timezone \"Nowhere\" is not a time zone"));
    }

    @Test
    void dryRunAnswersTheFiringWithoutActing() {
        String run = given().contentType(ContentType.JSON).body(Map.of("entity", "demo", "project", "vision",
                        "state", "finished", "summary", Map.of("val_acc", 0.97), "config", Map.of("lr", 0.02)))
                .post("/sandbox/api/runs").then().statusCode(201).extract().path("name");
        given().contentType(ContentType.JSON).body(Map.of("run", "demo/vision/" + run))
                .post("/api/v1/policies/promote-sweep-winner:dry-run").then().statusCode(200)
                .body("[0].subject", equalTo("demo/vision/" + run))
                .body("[0].actions[1].params.config.lr", equalTo(0.02f))
                .body("[0].actions[2].params.run", equalTo("demo/vision/" + run));
        assertEquals(List.of(), wandb.run(RunRef.parse("demo/vision/" + run)).orElseThrow().tags(), "nothing acted");
        given().contentType(ContentType.JSON).body(Map.of("nothing", 1))
                .post("/api/v1/policies/promote-sweep-winner:dry-run").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
