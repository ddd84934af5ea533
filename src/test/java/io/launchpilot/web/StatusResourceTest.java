package io.launchpilot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
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
    void unknownApiPathsAnswerProblemJson() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
