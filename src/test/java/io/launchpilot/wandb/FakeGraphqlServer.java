package io.launchpilot.wandb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted HTTP server on a free local port that records each GraphQL request and answers it as
 * the test says: a stand-in for W&B in plain unit tests, where statuses and headers must be exact.
 */
final class FakeGraphqlServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the client sent. */
    record Received(String operationName, JsonNode variables, String query, MultiMap headers) {
    }

    /** What to answer; {@code status < 0} means "never answer". */
    record Reply(int status, Map<String, String> headers, String body) {

        static Reply data(String dataJson) {
            return new Reply(200, Map.of(), "{\"data\":" + dataJson + "}");
        }

        static Reply status(int status, String body, Map<String, String> headers) {
            return new Reply(status, headers, body);
        }

        static Reply silence() {
            return new Reply(-1, Map.of(), "");
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<Received, Reply> script;

    FakeGraphqlServer(Vertx vertx, Function<Received, Reply> script) throws Exception {
        this.script = script;
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            try {
                JsonNode json = JSON.readTree(body.toString());
                Received call = new Received(json.path("operationName").asText(null), json.path("variables"),
                        json.path("query").asText(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
                received.add(call);
                Reply reply = this.script.apply(call);
                if (reply.status() < 0) {
                    return;
                }
                request.response().setStatusCode(reply.status());
                reply.headers().forEach(request.response()::putHeader);
                request.response().putHeader("Content-Type", "application/json").end(reply.body());
            } catch (Exception e) {
                request.response().setStatusCode(599).end(String.valueOf(e));
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    void script(Function<Received, Reply> script) {
        this.script = script;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    long count(String operationName) {
        return received.stream().filter(call -> operationName.equals(call.operationName())).count();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
