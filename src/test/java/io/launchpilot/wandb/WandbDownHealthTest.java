package io.launchpilot.wandb;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * W&B down (nobody listens at its URL): readiness goes DOWN naming the problem, never the key, while
 * liveness stays UP so that nothing restarts; every other check is unaffected.
 */
@QuarkusTest
@TestProfile(WandbDownHealthTest.Down.class)
class WandbDownHealthTest {

    public static class Down extends WandbClientUnreachableTest.Unreachable {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("launchpilot.wandb.health-check-every", "0s");
            return overrides;
        }
    }

    @Test
    void readyIsDownAndLiveIsUp() {
        String body = given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'wandb' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'wandb' }.data.sandbox", equalTo(false))
                .body("checks.find { it.name == 'wandb' }.data.problem",
                        containsString("W&B GetViewer at http://127.0.0.1:" + Down.PORT + "/graphql failed"))
                .body("checks.find { it.name == 'leader' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"))
                .extract().asString();
        assertThat(body, not(containsString(WandbClientUnreachableTest.KEY)));

        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
