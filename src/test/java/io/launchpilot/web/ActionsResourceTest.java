package io.launchpilot.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.policy.Firing;
import io.launchpilot.policy.Firings;
import io.launchpilot.policy.PlannedAction;
import io.launchpilot.policy.PolicyMode;
import io.launchpilot.policy.action.ActionExecutor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The actions REST API: list with filters and paging, one action, retry; errors as problem+json. */
@QuarkusTest
class ActionsResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Firings firings;

    @Inject
    ActionExecutor executor;

    private static PlannedAction log(String level) {
        return new PlannedAction("log", JSON.createObjectNode().put("message", "rest").put("level", level));
    }

    /** A firing of {@code policy} whose key has the characters a real one has: / : and a run path. */
    private static String fire(Firings firings, String policy, PolicyMode mode, PlannedAction... actions) {
        String key = policy + "/event:run.state_changed/lp-rest/vision/" + UUID.randomUUID();
        firings.submit(List.of(new Firing(key, policy, "event:run.state_changed", "lp-rest/vision/r1", 3L, mode,
                Instant.now(), List.of(actions))));
        return key;
    }

    /** The action's path, its id percent-encoded once (so requests go with URL encoding off). */
    private static String path(String id) {
        return "/api/v1/actions/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @Test
    void listsActionsByPolicyAndStateNewestFirstInPages() {
        String policy = "rest-" + UUID.randomUUID();
        String first = fire(firings, policy, PolicyMode.ENFORCE, log("info"), log("debug"));
        String audit = fire(firings, policy, PolicyMode.AUDIT, log("info"));
        executor.runDue();

        given().get("/api/v1/actions?policy=" + policy).then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].id", equalTo(audit + "#0"))
                .body("items[0].state", equalTo("audit"))
                .body("items[1].id", equalTo(first + "#1"))
                .body("items[1].state", equalTo("failed"))
                .body("items[1].type", equalTo("log"))
                .body("items[1].policy", equalTo(policy))
                .body("items[1].firingKey", equalTo(first))
                .body("items[1].attempts", equalTo(1))
                .body("items[1].lastError", equalTo("log: level must be info or warn, got debug"))
                .body("items[2].state", equalTo("done"))
                .body("items[2].result.logged", equalTo("rest"))
                .body("next", nullValue());

        given().get("/api/v1/actions?policy=" + policy + "&state=failed").then().statusCode(200)
                .body("items.id", equalTo(List.of(first + "#1")));
        given().get("/api/v1/actions?state=DONE&limit=1000").then().statusCode(200)
                .body("items.state", everyItem(equalTo("done")));

        String next = given().get("/api/v1/actions?policy=" + policy + "&limit=2").then().statusCode(200)
                .body("items", hasSize(2)).body("next", notNullValue()).extract().path("next");
        given().get("/api/v1/actions?policy=" + policy + "&limit=2&cursor=" + next).then().statusCode(200)
                .body("items.id", equalTo(List.of(first + "#0")));
    }

    @Test
    void oneActionByItsEncodedId() {
        String key = fire(firings, "rest-one-" + UUID.randomUUID(), PolicyMode.ENFORCE, log("info"));

        given().urlEncodingEnabled(false).get(path(key + "#0")).then().statusCode(200)
                .body("id", equalTo(key + "#0"))
                .body("state", equalTo("pending"))
                .body("params.message", equalTo("rest"))
                .body("subject", equalTo("lp-rest/vision/r1"));
        given().urlEncodingEnabled(false).get(path(key + "#7")).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("not found"));
    }

    @Test
    void retrySendsAFailedActionBackAndRefusesOthers() {
        String key = fire(firings, "rest-retry-" + UUID.randomUUID(), PolicyMode.ENFORCE, log("debug"), log("info"));
        executor.runDue();

        given().urlEncodingEnabled(false).post(path(key + "#0") + ":retry").then().statusCode(200)
                .body("state", equalTo("pending"))
                .body("attempts", equalTo(0));
        given().urlEncodingEnabled(false).post(path(key + "#0") + ":retry").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("action " + key + "#0 is pending; only failed and dead actions can be retried"));
        given().urlEncodingEnabled(false).post(path(key + "#9") + ":retry").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badQueriesAreProblems() {
        given().get("/api/v1/actions?state=lost").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("state must be one of pending, running, done, failed, dead, audit"));
        given().get("/api/v1/actions?limit=0").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/actions?cursor=abc").then().statusCode(400).contentType("application/problem+json");
    }
}
