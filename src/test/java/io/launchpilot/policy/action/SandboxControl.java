package io.launchpilot.policy.action;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sandbox's control API as the outbox's tests use it: runs, sweeps, artifacts and faults. */
final class SandboxControl {

    static final String ENTITY = "lp-actions";
    static final String PROJECT = "vision";

    private SandboxControl() {
    }

    /** A new run in {@code lp-actions/vision}; returns its path. */
    static String run(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("entity", ENTITY);
        body.put("project", PROJECT);
        String name = given().contentType(ContentType.JSON).body(body).post("/sandbox/api/runs")
                .then().statusCode(201).extract().path("name");
        return ENTITY + "/" + PROJECT + "/" + name;
    }

    /** A new sweep in {@code lp-actions/vision} in {@code state}; returns its path. */
    static String sweep(String state) {
        String name = given().contentType(ContentType.JSON)
                .body(Map.of("entity", ENTITY, "project", PROJECT, "config", "method: random\nparameters: {lr: {values: [0.1]}}\n",
                        "state", state))
                .post("/sandbox/api/sweeps").then().statusCode(201).extract().path("name");
        return ENTITY + "/" + PROJECT + "/" + name;
    }

    /** An artifact version logged by {@code runName} (or by no run when null). */
    static void artifact(String runName, String type, String name, String... aliases) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", ENTITY);
        body.put("project", PROJECT);
        if (runName != null) {
            body.put("run", runName);
        }
        body.put("type", type);
        body.put("name", name);
        body.put("aliases", java.util.List.of(aliases));
        given().contentType(ContentType.JSON).body(body).post("/sandbox/api/artifacts").then().statusCode(201);
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
