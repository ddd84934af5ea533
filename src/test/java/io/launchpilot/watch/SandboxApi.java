package io.launchpilot.watch;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sandbox's control API as the watcher's tests drive it: W&B changing under the watcher. */
final class SandboxApi {

    private SandboxApi() {
    }

    /** Creates a run; returns its name (the short id). */
    static String createRun(String entity, String project, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("entity", entity);
        body.put("project", project);
        return given().contentType(ContentType.JSON).body(body).post("/sandbox/api/runs")
                .then().statusCode(201).extract().path("name");
    }

    /** Changes a run the way a client logging to it would: its heartbeat moves. */
    static void patchRun(String entity, String project, String name, Map<String, Object> fields) {
        given().contentType(ContentType.JSON).body(fields).patch("/sandbox/api/runs/" + entity + "/" + project + "/" + name)
                .then().statusCode(200);
    }

    static String createSweep(String entity, String project, String yaml) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("entity", entity, "project", project, "config", yaml))
                .post("/sandbox/api/sweeps").then().statusCode(201).extract().path("name");
    }

    static void faults(Map<String, Object> faults) {
        given().contentType(ContentType.JSON).body(faults).post("/sandbox/api/faults").then().statusCode(200);
    }

    static void clearFaults() {
        given().delete("/sandbox/api/faults").then().statusCode(200);
    }

    /** GraphQL requests the sandbox received under an operation name since it started. */
    static long requests(String operation) {
        Number count = given().get("/sandbox/api/stats").then().statusCode(200).extract()
                .path("operations." + operation);
        return count == null ? 0 : count.longValue();
    }
}
