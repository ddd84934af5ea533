package io.launchpilot.policy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.filter.RunFilter;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.WandbClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared operator table: every filter runs through the policy evaluator (locally, on each run as the
 * client read it) and through W&B's runs filter (the sandbox, over GraphQL), and both must pick the same
 * runs, as many as the table says.
 */
@QuarkusTest
@TestProfile(PolicyEngineTest.Profile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WandbClient wandb;

    ProjectRef project;
    List<Run> runs;

    @BeforeAll
    void seed() {
        project = new ProjectRef("lp-conditions", "c" + UUID.randomUUID().toString().substring(0, 8));
        seed("alpha-1", "finished", List.of("promoted", "a"), Map.of("lr", 0.01, "opt", "adam"),
                Map.of("acc", 0.95, "nested", Map.of("x", 3)), "g1", "train");
        seed("alpha-2", "finished", List.of("a"), Map.of("lr", 0.1, "opt", "sgd"), Map.of("acc", 0.81), "g1", "train");
        seed("Beta", "crashed", List.of("b"), Map.of("lr", 0.001), Map.of("acc", 0.3, "nested", Map.of("x", 9)),
                "g2", "eval");
        seed("gamma", "running", List.of(), Map.of("lr", 0.01, "opt", "adam"), Map.of(), "g2", "train");
        seed("delta", "failed", List.of("b", "promoted"), Map.of(), Map.of("acc", 0.8), null, null);
        runs = wandb.runs(project, RunQuery.all(), 100).toList();
        assertEquals(5, runs.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"state": "finished"}                                         | 2
            {"state": {"$eq": "crashed"}}                                 | 1
            {"state": {"$ne": "finished"}}                                | 3
            {"summary_metrics.acc": {"$gt": 0.8}}                          | 2
            {"summary_metrics.acc": {"$gte": 0.8}}                         | 3
            {"summary_metrics.acc": {"$lt": 0.81}}                         | 2
            {"summary_metrics.acc": {"$lte": 0.81}}                        | 3
            {"state": {"$in": ["finished", "crashed"]}}                   | 3
            {"state": {"$nin": ["finished", "crashed"]}}                  | 2
            {"summary_metrics.acc": {"$exists": true}}                     | 4
            {"summary_metrics.acc": {"$exists": false}}                    | 1
            {"displayName": {"$regex": "^alpha"}}                         | 2
            {"displayName": {"$regex": "^beta", "$options": "i"}}          | 1
            {"$and": [{"state": "finished"}, {"config.lr": 0.01}]}        | 1
            {"$or": [{"state": "crashed"}, {"config.opt": "adam"}]}       | 3
            {"$nor": [{"state": "crashed"}, {"config.opt": "adam"}]}      | 2
            {"config.lr": 0.01}                                           | 2
            {"config.lr.value": {"$gte": 0.01}}                           | 3
            {"config.opt": {"$exists": false}}                            | 2
            {"summary_metrics.nested.x": {"$lt": 5}}                       | 1
            {"tags": "promoted"}                                          | 2
            {"tags": {"$in": ["b", "nope"]}}                              | 2
            {"tags": {"$nin": ["promoted"]}}                              | 3
            {"tags": {"$ne": "a"}}                                        | 3
            {"group": "g2", "jobType": "train"}                           | 1
            {"createdAt": {"$gt": "2000-01-01T00:00:00"}}                 | 5
            {"$and": [{"state": {"$in": ["finished", "failed"]}}, {"summary_metrics.acc": {"$gte": 0.8}}, {"tags": {"$nin": ["b"]}}, {"config.lr": {"$lte": 0.1}}, {"displayName": {"$regex": "alpha"}}]} | 2
            """)
    void theEvaluatorAndW_BsRunsFilterAgree(String filter, int expected) throws Exception {
        Map<String, Object> parsed = JSON.readValue(filter, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        RunFilter local = RunFilter.compile(parsed);
        Set<String> locally = runs.stream().filter(run -> local.matches(FiringContext.document(run)))
                .map(Run::displayName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> byServer = wandb.runs(project, RunQuery.all().withFilters(filter), 100).map(Run::displayName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(byServer, locally, "run by run");
        assertEquals(expected, locally.size(), () -> "matched " + locally);
    }

    private void seed(String displayName, String state, List<String> tags, Map<String, Object> config,
            Map<String, Object> summary, String group, String jobType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", project.entity());
        body.put("project", project.name());
        body.put("displayName", displayName);
        body.put("state", state);
        body.put("tags", tags);
        body.put("config", config);
        body.put("summary", summary);
        if (group != null) {
            body.put("group", group);
            body.put("jobType", jobType);
        }
        given().contentType(ContentType.JSON).body(body).post("/sandbox/api/runs").then().statusCode(201);
    }
}
