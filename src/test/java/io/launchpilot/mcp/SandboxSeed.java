package io.launchpilot.mcp;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.Map;

/** W&B data for the MCP tests, made through the sandbox's control API as a W&B user would make it. */
final class SandboxSeed {

    private SandboxSeed() {
    }

    static String run(String entity, String project, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("entity", entity);
        body.put("project", project);
        return given().contentType(ContentType.JSON).body(body).post("/sandbox/api/runs")
                .then().statusCode(201).extract().path("name");
    }

    static String sweep(String entity, String project, String yaml) {
        return given().contentType(ContentType.JSON).body(Map.of("entity", entity, "project", project, "config", yaml))
                .post("/sandbox/api/sweeps").then().statusCode(201).extract().path("name");
    }

    static void artifact(String entity, String project, String run, String type, String name) {
        given().contentType(ContentType.JSON)
                .body(Map.of("entity", entity, "project", project, "run", run, "type", type, "name", name))
                .post("/sandbox/api/artifacts").then().statusCode(201);
    }
}
