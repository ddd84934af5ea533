package io.launchpilot.wandb;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A W&B endpoint nobody listens on, with an API key and a tiny retry budget. */
@QuarkusTest
@TestProfile(WandbClientUnreachableTest.Unreachable.class)
class WandbClientUnreachableTest {

    static final String KEY = "unreachable-9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c";

    public static class Unreachable implements QuarkusTestProfile {
        static final int PORT = closedPort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "launchpilot.wandb.base-url", "http://127.0.0.1:" + PORT + "/",
                    "launchpilot.wandb.api-key", KEY,
                    "launchpilot.wandb.max-retries", "2",
                    "launchpilot.wandb.retry-min-wait", "50ms",
                    "launchpilot.wandb.retry-max-wait", "200ms",
                    "launchpilot.wandb.timeout", "2s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    WandbClient client;

    @Inject
    WandbConfig config;

    @Inject
    MeterRegistry meters;

    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("io.launchpilot.wandb").addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("io.launchpilot.wandb").removeHandler(capture);
    }

    @Test
    void failsAfterTheRetryBudgetNamingEndpointAndOperationButNotTheKey() {
        String endpoint = "http://127.0.0.1:" + Unreachable.PORT + "/graphql";
        assertFalse(client.sandbox());
        assertEquals(endpoint, client.endpoint());

        long start = System.nanoTime();
        WandbException e = assertThrows(WandbException.class, () -> client.viewer());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(WandbException.Kind.RETRIES_EXHAUSTED, e.kind());
        assertEquals("GetViewer", e.operation());
        assertEquals(endpoint, e.endpoint());
        assertEquals(0, e.status());
        assertThat(e.getMessage(), containsString("W&B GetViewer at " + endpoint + " failed after 3 attempts"));
        assertTrue(elapsedMs >= 150, "waited 50 ms then 100 ms at least, took " + elapsedMs);
        assertEquals(2, logs.stream().filter(line -> line.contains("retry")).count(), String.join("\n", logs));
        assertEquals(1.0, meters.counter("launchpilot.wandb.requests", "operation", "GetViewer",
                "outcome", "retries_exhausted").count());

        for (String text : List.of(e.getMessage(), e.toString(), String.join("\n", logs), config.toString(),
                client.toString())) {
            assertThat(text, not(containsString(KEY)));
        }
    }

    @Test
    void badInputFailsBeforeAnyAttempt() {
        assertThrows(IllegalArgumentException.class, () -> client.push(new QueueRef("demo", "q"),
                Map.of("entity", "demo"), Priority.LOW, Map.of()));
        assertTrue(logs.isEmpty(), String.join("\n", logs));
    }
}
