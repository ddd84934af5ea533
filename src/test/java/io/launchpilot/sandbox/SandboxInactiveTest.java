package io.launchpilot.sandbox;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a W&B API key configured, {@code serve} talks to W&B and the sandbox is not there. */
@QuarkusTest
@TestProfile(SandboxInactiveTest.WithApiKey.class)
public class SandboxInactiveTest {

    /** A configured API key in the default run mode. */
    public static class WithApiKey implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("launchpilot.wandb.api-key", "0123456789abcdef0123456789abcdef01234567");
        }
    }

    @Test
    void everySandboxPathAnswers404() {
        given().contentType(ContentType.JSON).body("{\"query\": \"{ viewer { id } }\"}")
                .when().post("/sandbox/graphql").then().statusCode(404);
        given().when().get("/sandbox/api/stats").then().statusCode(404);
        given().when().post("/sandbox/api/reset").then().statusCode(404);
        given().when().get("/sandbox").then().statusCode(404);
    }
}
