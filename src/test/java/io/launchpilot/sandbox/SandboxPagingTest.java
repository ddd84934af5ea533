package io.launchpilot.sandbox;

import static io.launchpilot.sandbox.GraphqlCalls.ok;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging across more than 100 runs, as the SDK pages: each next page after the last edge's cursor. */
@QuarkusTest
class SandboxPagingTest {

    private static final String ENTITY = "paging";
    private static final int RUNS = 130;
    private static final String RUNS_QUERY = "query Runs($project: String!, $entity: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString) {"
            + " project(name: $project, entityName: $entity) { runCount(filters: $filters)"
            + " runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {"
            + " edges { node { name summaryMetrics config createdAt heartbeatAt } cursor } pageInfo { endCursor hasNextPage } } } }";

    /** Names of the runs in creation order; the runs are created once, before the first test. */
    private static final List<String> createdInOrder = new ArrayList<>();

    @BeforeEach
    void createRunsOnce() {
        if (!createdInOrder.isEmpty()) {
            return;
        }
        for (int i = 0; i < RUNS; i++) {
            Map<String, Object> run = new HashMap<>(Map.of("entity", ENTITY, "project", "p", "state", i % 3 == 0 ? "finished" : "running"));
            if (i % 10 != 0) {
                run.put("summary", Map.of("m", i % 7, "nested", Map.of("v", (i * 37) % 11)));
                run.put("config", Map.of("x", i % 5 == 0 ? "text" : i % 9));
            }
            String name = given().contentType(ContentType.JSON).body(run).when().post("/sandbox/api/runs").then()
                    .statusCode(201).extract().path("name");
            createdInOrder.add(name);
            if (i % 4 == 0) {
                given().contentType(ContentType.JSON).body("{}").when().patch("/sandbox/api/runs/" + ENTITY + "/p/" + name)
                        .then().statusCode(200);
            }
        }
    }

    private List<String> page(String order, String filters, int perPage) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>(Map.of("project", "p", "entity", ENTITY, "perPage", perPage,
                    "order", order, "filters", filters));
            variables.put("cursor", cursor);
            JsonPath json = ok(RUNS_QUERY, variables).extract().jsonPath();
            List<String> page = json.getList("data.project.runs.edges.node.name");
            assertTrue(page.size() <= perPage);
            names.addAll(page);
            more = json.getBoolean("data.project.runs.pageInfo.hasNextPage");
            if (!page.isEmpty()) {
                cursor = json.getString("data.project.runs.edges[" + (page.size() - 1) + "].cursor");
                assertEquals(cursor, json.getString("data.project.runs.pageInfo.endCursor"));
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+created_at", "-created_at", "+heartbeat_at", "-heartbeat_at", "+config.x.value",
        "-config.x.value", "+summary_metrics.m", "-summary_metrics.m", "-summary_metrics.nested.v", ""})
    void everyRunComesExactlyOnceInTheSameOrderAsOnOnePage(String order) {
        List<String> paged = page(order, "{}", 17);
        assertEquals(RUNS, paged.size());
        assertEquals(RUNS, new HashSet<>(paged).size());
        assertEquals(page(order, "{}", 1000), paged);
    }

    @Test
    void pagesOfAFilteredListAddUpToItsCount() {
        String filters = "{\"$and\": [{\"state\": \"running\"}, {\"summary_metrics.m\": {\"$gte\": 3}}]}";
        List<String> paged = page("-summary_metrics.m", filters, 9);
        int count = ok(RUNS_QUERY, Map.of("project", "p", "entity", ENTITY, "perPage", 1, "filters", filters))
                .extract().path("data.project.runCount");
        assertEquals(count, paged.size());
        assertEquals(count, new HashSet<>(paged).size());
        assertTrue(count > 20 && count < RUNS, "filter keeps some runs: " + count);
    }

    @Test
    void defaultOrderIsCreationOrderAndValuesSortAsDocumented() {
        JsonPath all = ok(RUNS_QUERY, Map.of("project", "p", "entity", ENTITY, "perPage", 1000, "order", "-summary_metrics.m"))
                .extract().jsonPath();
        List<String> summaries = all.getList("data.project.runs.edges.node.summaryMetrics");
        // missing values sort last when descending: count them as below every number
        List<Integer> values = summaries.stream().map(s -> JsonPath.from(s).<Integer>get("m"))
                .map(v -> v == null ? -1 : v).toList();
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1) >= values.get(i), "descending at " + i + ": " + values);
        }
        assertEquals(-1, values.get(values.size() - 1));
        assertEquals(createdInOrder, page("", "{}", 50));
        assertEquals(createdInOrder, page("+createdAt", "{}", 33));
    }
}
