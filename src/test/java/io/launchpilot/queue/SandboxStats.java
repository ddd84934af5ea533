package io.launchpilot.queue;

import static io.restassured.RestAssured.given;

import java.util.Map;

/** GraphQL requests the embedded sandbox received, by operation name, to count what an action cost. */
public record SandboxStats(int total, Map<String, Integer> operations) {

    public static final java.util.Set<String> MUTATIONS = java.util.Set.of("CreateProject", "UpsertRunQueue",
            "CreateRunQueue", "CreateDefaultResourceConfig", "DeleteRunQueues", "pushToRunQueueByName");

    @SuppressWarnings("unchecked")
    public static SandboxStats now() {
        Map<String, Object> body = given().get("/sandbox/api/stats").then().statusCode(200).extract().as(Map.class);
        return new SandboxStats(((Number) body.get("total")).intValue(), (Map<String, Integer>) body.get("operations"));
    }

    public static void reset() {
        given().delete("/sandbox/api/faults");
        given().post("/sandbox/api/reset").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    /** Requests since {@code before}, by operation (only those that were sent). */
    public Map<String, Integer> since(SandboxStats before) {
        java.util.TreeMap<String, Integer> delta = new java.util.TreeMap<>();
        operations.forEach((name, count) -> {
            int diff = count - before.operations().getOrDefault(name, 0);
            if (diff != 0) {
                delta.put(name, diff);
            }
        });
        return delta;
    }

    public int mutationsSince(SandboxStats before) {
        return since(before).entrySet().stream().filter(e -> MUTATIONS.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }
}
