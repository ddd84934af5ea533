package io.launchpilot.web.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.queue.Specs;
import io.launchpilot.web.LogCapture;
import io.launchpilot.web.SecuredProfile;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Bearer tokens with roles on the REST API and /mcp; what stays open; no secret in logs or answers. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class AccessControlTest {

    static final String SPEC = Specs.local("access-test", "cpu");

    @Inject
    BearerTokens tokens;

    static RequestSpecification as(String token) {
        RequestSpecification request = given();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** A request with a token (or none) whose body is a queue spec. */
    static RequestSpecification specAs(String token) {
        return as(token).contentType("application/yaml").body(SPEC.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAValidTokenTheApiIs401WithAChallenge() {
        as(null).get("/api/v1/events").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"launchpilot\""))
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401))
                .body("detail", equalTo("a bearer token is required: Authorization: Bearer <token>"));
        as("not-a-token").get("/api/v1/events").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        given().header("Authorization", "Basic " + SecuredProfile.WRITE_TOKEN).get("/api/v1/status").then()
                .statusCode(401);
        as(null).post("/api/v1/queues:plan").then().statusCode(401);
    }

    @Test
    void readAndWriteTokensBothRead() {
        as(SecuredProfile.READ_TOKEN).get("/api/v1/events").then().statusCode(200);
        as(SecuredProfile.WRITE_TOKEN).get("/api/v1/events").then().statusCode(200);
        given().header("Authorization", "bearer  " + SecuredProfile.READ_TOKEN + " ").get("/api/v1/status").then()
                .statusCode(200);
    }

    @Test
    void aReadTokenIs403OnWritesAndAWriteTokenPasses() {
        as(SecuredProfile.READ_TOKEN).contentType("application/json").body("{\"image\": \"python:3.12\"}")
                .post("/api/v1/queues/access-test/cpu/items").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("token 'reader' has role read"));
        as(SecuredProfile.READ_TOKEN).delete("/api/v1/queues/access-test/cpu").then().statusCode(403);
        specAs(SecuredProfile.READ_TOKEN).put("/api/v1/queues/access-test/cpu").then().statusCode(403);
        specAs(SecuredProfile.READ_TOKEN).post("/api/v1/queues:apply").then().statusCode(403);
        specAs(SecuredProfile.READ_TOKEN).urlEncodingEnabled(false).post("/api/v1/queues%3Aapply").then().statusCode(403);
        // the write token gets through to the resource, which answers on the merits
        as(SecuredProfile.WRITE_TOKEN).contentType("application/json").body("{}")
                .post("/api/v1/queues/access-test/cpu/items").then().statusCode(422);
        specAs(SecuredProfile.WRITE_TOKEN).post("/api/v1/queues:apply?dryRun=true").then().statusCode(200);
    }

    @Test
    void aReadOnlyActionIsOpenToAReadToken() {
        specAs(SecuredProfile.READ_TOKEN).post("/api/v1/queues:plan").then().statusCode(200)
                .body("changes[0].action", equalTo("create"));
        specAs(SecuredProfile.READ_TOKEN).urlEncodingEnabled(false).post("/api/v1/queues%3Aplan").then().statusCode(200);
    }

    @Test
    void theMcpEndpointNeedsAToken() {
        // every request to /mcp, whatever it is, is refused without a token; with one it reaches the MCP layer
        as(null).contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(401).contentType(startsWith("application/problem+json"));
        as(null).get("/mcp/sse").then().statusCode(401);
        as("wrong").post("/mcp").then().statusCode(401);
        as(SecuredProfile.READ_TOKEN).contentType("application/json").body("{}").post("/mcp").then()
                .statusCode(not(401));
    }

    @Test
    void callerShowsTheTokensRoleForMcpTools() {
        as(SecuredProfile.READ_TOKEN).get("/api/v1/test/caller").then().statusCode(200)
                .body("role", equalTo("READ")).body("mayWrite", equalTo(false)).body("token", equalTo("reader"));
        as(SecuredProfile.WRITE_TOKEN).get("/api/v1/test/caller").then().statusCode(200)
                .body("role", equalTo("WRITE")).body("mayWrite", equalTo(true)).body("token", equalTo("writer"));
    }

    @Test
    void outsideAnHttpRequestTheCallerIsTheLocalUser() {
        // the stdio MCP transport: a request context, but no HTTP request behind it
        Arc.container().requestContext().activate();
        try {
            Caller caller = Arc.container().instance(Caller.class).get();
            assertEquals(Role.WRITE, caller.role());
            assertTrue(caller.tokenName().isEmpty());
        } finally {
            Arc.container().requestContext().terminate();
        }
    }

    @Test
    void healthMetricsOpenApiSandboxAndWebhooksNeedNoApiToken() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/sandbox/api/stats").then().statusCode(200);
        // the W&B webhook answers with its own refusal, not the API's challenge
        given().contentType("application/json").body("{}").post("/api/v1/webhooks/wandb").then().statusCode(401)
                .header("WWW-Authenticate", nullValue());
    }

    @Test
    void theOpenApiDocumentHasABearerSchemeAndNoSecret() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("security[0].bearer", equalTo(List.of()))
                .body("paths.'/api/v1/webhooks/wandb'.post.security", equalTo(List.of()))
                .body("paths.'/api/v1/events'.get.security", nullValue())
                .extract().asString();
        for (String secret : SecuredProfile.SECRETS) {
            assertFalse(document.contains(secret), "a secret in the OpenAPI document");
        }
    }

    @Test
    void noSecretAppearsInLogsOrAnswers() {
        try (LogCapture logs = LogCapture.start()) {
            StringBuilder answers = new StringBuilder();
            answers.append(as(SecuredProfile.WANDB_TOKEN).get("/api/v1/events").then().statusCode(401)
                    .extract().asString());
            answers.append(specAs(SecuredProfile.READ_TOKEN).post("/api/v1/queues:apply").then()
                    .statusCode(403).extract().asString());
            answers.append(as(SecuredProfile.READ_TOKEN).contentType("application/json").body("{")
                    .post("/api/v1/webhooks/wandb").then().statusCode(401).extract().asString());
            answers.append(given().contentType("application/json").body("{\"type\": \"x\"}")
                    .header("webhook-id", "msg_log").header("webhook-timestamp", "1")
                    .header("webhook-signature", "v1,AAAA").post("/api/v1/webhooks/generic/ci").then()
                    .statusCode(401).extract().asString());
            SecurityStartupLog.report(tokens, false);
            String logged = logs.text();
            assertTrue(logged.contains("access control on: /api/v1 and /mcp need a bearer token (")
                    && logged.contains("reader: read") && logged.contains("writer: write"), logged);
            for (String secret : SecuredProfile.SECRETS) {
                assertFalse(logged.contains(secret), "a secret in the log");
                assertFalse(answers.toString().contains(secret), "a secret in an answer");
            }
        }
    }

    @Test
    void withoutTokensTheStartupLogWarnsOutsideTheSandboxAndInformsInIt() {
        BearerTokens none = new BearerTokens(Map.of());
        try (LogCapture logs = LogCapture.start()) {
            SecurityStartupLog.report(none, false);
            SecurityStartupLog.report(none, true);
            assertEquals(Level.WARNING.intValue(), logs.levelOf("open to anyone who can reach this port").intValue());
            assertEquals(Level.INFO.intValue(), logs.levelOf("are open (sandbox mode)").intValue());
        }
    }
}
