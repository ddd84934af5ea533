package io.launchpilot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusResourceTest {

    @Test
    void reportsTheSandboxEndpointWhenNoKeyIsConfigured() {
        given().get("/api/v1/status").then().statusCode(200)
                .body("sandbox", equalTo(true))
                .body("wandbEndpoint", endsWith("/sandbox/graphql"))
                .body("version", notNullValue());
    }

    @Test
    void aSingleProcessOnItsH2StoreIsTheLeader() {
        String instanceId = given().get("/api/v1/status").then().statusCode(200)
                .body("leader", equalTo(true))
                .body("leaderMode", equalTo("single"))
                .extract().path("instanceId");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'leader' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'leader' }.data.leader", equalTo(true))
                .body("checks.find { it.name == 'leader' }.data.mode", equalTo("single"))
                .body("checks.find { it.name == 'leader' }.data.instanceId", equalTo(instanceId))
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'store' }.data.kind", equalTo("h2"))
                .body("checks.find { it.name == 'wandb' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'wandb' }.data.sandbox", equalTo(true));
    }

    @Test
    void aPageOfAnotherOriginIsRefusedWhileTheSameOriginAndClientsWithoutOneAreServed() {
        given().header("Origin", "http://elsewhere.example").get("/api/v1/status").then().statusCode(403);
        given().header("Origin", "http://elsewhere.example").contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").post("/mcp").then().statusCode(403);
        given().header("Origin", "http://localhost:" + RestAssured.port).get("/api/v1/status").then().statusCode(200);
        given().get("/api/v1/status").then().statusCode(200);
    }

    @Test
    void unknownApiPathsAnswerProblemJson() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
