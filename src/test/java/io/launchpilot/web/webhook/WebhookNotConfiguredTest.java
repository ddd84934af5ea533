package io.launchpilot.web.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.launchpilot.sandbox.SandboxInactiveTest;
import io.launchpilot.store.Store;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Against real W&B (an API key set) a W&B webhook without secret or token refuses every delivery. */
@QuarkusTest
@TestProfile(SandboxInactiveTest.WithApiKey.class)
class WebhookNotConfiguredTest {

    @Inject
    Store store;

    @Test
    void everyDeliveryIs503AndNothingIsStored() {
        long before = store.lastEventId();
        given().contentType("application/json").body("{\"event_type\": \"LINK_ARTIFACT\"}")
                .post("/api/v1/webhooks/wandb").then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("launchpilot.webhooks.wandb.secret"));
        assertEquals(before, store.lastEventId());
    }
}
