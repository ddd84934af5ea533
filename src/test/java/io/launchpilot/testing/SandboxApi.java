package io.launchpilot.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sandbox's control API as tests drive it: W&B data made and changed as a W&B user would, faults, counts. */
public final class SandboxApi {

    private SandboxApi() {
    }

    /** Creates a run; returns its name (the short id). */
    public static String createRun(String entity, String project, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("entity", entity);
        body.put("project", project);
        return given().contentType(ContentType.JSON).body(body).post("/sandbox/api/runs")
                .then().statusCode(201).extract().path("name");
    }

    /** Changes a run the way a client logging to it would: its heartbeat moves. */
    public static void patchRun(String entity, String project, String name, Map<String, Object> fields) {
        given().contentType(ContentType.JSON).body(fields).patch("/sandbox/api/runs/" + entity + "/" + project + "/" + name)
                .then().statusCode(200);
    }

    /** Creates a sweep from its YAML configuration; returns its name. */
    public static String createSweep(String entity, String project, String yaml) {
        return createSweep(Map.of("entity", entity, "project", project, "config", yaml));
    }

    /** Creates a sweep in {@code state} ({@code RUNNING}, {@code PAUSED}, ...); returns its name. */
    public static String createSweep(String entity, String project, String yaml, String state) {
        return createSweep(Map.of("entity", entity, "project", project, "config", yaml, "state", state));
    }

    private static String createSweep(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/sandbox/api/sweeps")
                .then().statusCode(201).extract().path("name");
    }

    /** Logs an artifact version, by {@code run} (or by no run when null). */
    public static void createArtifact(String entity, String project, String run, String type, String name,
            String... aliases) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", entity);
        body.put("project", project);
        if (run != null) {
            body.put("run", run);
        }
        body.put("type", type);
        body.put("name", name);
        body.put("aliases", List.of(aliases));
        given().contentType(ContentType.JSON).body(body).post("/sandbox/api/artifacts").then().statusCode(201);
    }

    public static void faults(Map<String, Object> faults) {
        given().contentType(ContentType.JSON).body(faults).post("/sandbox/api/faults").then().statusCode(200);
    }

    public static void clearFaults() {
        given().delete("/sandbox/api/faults").then().statusCode(200);
    }

    /** GraphQL requests the sandbox received under an operation name since it started. */
    public static long requests(String operation) {
        Number count = given().get("/sandbox/api/stats").then().statusCode(200).extract()
                .path("operations." + operation);
        return count == null ? 0 : count.longValue();
    }
}
