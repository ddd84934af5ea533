package io.launchpilot.web.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** No tokens configured (the sandbox default): the API and the webhook are open, and callers may write. */
@QuarkusTest
class OpenAccessTest {

    @Test
    void theApiIsOpenAndEveryCallerMayWrite() {
        given().get("/api/v1/events").then().statusCode(200);
        given().get("/api/v1/test/caller").then().statusCode(200)
                .body("role", equalTo("WRITE")).body("mayWrite", equalTo(true)).body("token", equalTo(""));
    }

    @Test
    void theWandbWebhookTakesUnsignedDeliveriesInSandboxMode() {
        given().contentType("application/json").body("{\"event_type\": \"CREATE_ARTIFACT\", \"entity_name\": \"open-"
                + System.nanoTime() + "\"}").post("/api/v1/webhooks/wandb").then().statusCode(202);
    }
}
