package io.launchpilot.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;

/** Posts GraphQL requests to the sandbox the way the SDK does. */
final class GraphqlCalls {

    private GraphqlCalls() {
    }

    /** A request with an empty operationName, as the SDK often sends it. */
    static ValidatableResponse graphql(String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        body.put("operationName", "");
        return given().contentType(ContentType.JSON).body(body).when().post("/sandbox/graphql").then();
    }

    /** A request that must succeed without errors. */
    static ValidatableResponse ok(String query, Map<String, Object> variables) {
        return graphql(query, variables).statusCode(200).body("errors", nullValue());
    }
}
