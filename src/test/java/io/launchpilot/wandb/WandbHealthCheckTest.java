package io.launchpilot.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.launchpilot.wandb.FakeGraphqlServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The readiness check reuses a recent successful call but never a failed one: one failed poll (W&B
 * restarting, or the embedded sandbox not listening yet) must not keep a replica unready for the
 * whole reuse period once W&B answers again.
 */
class WandbHealthCheckTest {

    private Vertx vertx;
    private FakeGraphqlServer server;
    private WandbClient client;
    private WandbHealthCheck check;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = new FakeGraphqlServer(vertx, call -> Reply.data("{\"viewer\": {\"id\": \"u1\", \"entity\": \"acme\"}}"));
        WandbEndpoint endpoint = new WandbEndpoint(server.url(), Optional.of(GraphqlTransportTest.KEY), () -> 0);
        GraphqlTransport transport = new GraphqlTransport(vertx, endpoint, Duration.ofSeconds(5),
                new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Clock.systemUTC(), () -> 0), duration -> {
                }, new SimpleMeterRegistry());
        client = new WandbClient(endpoint, transport, Optional.empty());
        check = new WandbHealthCheck(client, Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        vertx.close();
    }

    @Test
    void aFailedCallIsProbedAgainAndASuccessfulOneIsReused() {
        server.script(call -> Reply.status(503, "{}", Map.of()));
        assertThrows(WandbException.class, client::viewer);
        assertEquals(1, server.received.size());

        server.script(call -> Reply.data("{\"viewer\": {\"id\": \"u1\", \"entity\": \"acme\"}}"));
        assertEquals(Status.UP, check.call().getStatus(), "the failure is not reused: W&B is asked again");
        assertEquals(2, server.received.size());

        server.script(call -> Reply.status(503, "{}", Map.of()));
        assertEquals(Status.UP, check.call().getStatus(), "a success younger than the reuse period stands");
        assertEquals(2, server.received.size(), "and W&B is not asked");
    }

    @Test
    void downWhileWandbFailsAndUpOnceItAnswers() {
        server.script(call -> Reply.status(503, "{}", Map.of()));
        assertEquals(Status.DOWN, check.call().getStatus());
        assertEquals(Status.DOWN, check.call().getStatus());
        assertEquals(2, server.received.size(), "each check after a failure asks W&B itself");

        server.script(call -> Reply.data("{\"viewer\": {\"id\": \"u1\", \"entity\": \"acme\"}}"));
        assertEquals(Status.UP, check.call().getStatus());
    }
}
