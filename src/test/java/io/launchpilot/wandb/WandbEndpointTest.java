package io.launchpilot.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WandbEndpointTest {

    private static final String KEY = GraphqlTransportTest.KEY;

    @Test
    void withAKeyCallsTheBaseUrlWithBasicAuth() {
        WandbEndpoint endpoint = new WandbEndpoint("https://wandb.example.com//", Optional.of(" " + KEY + " "),
                () -> { throw new AssertionError("the local port is not needed with a key"); });

        assertFalse(endpoint.sandbox());
        assertEquals("https://wandb.example.com/graphql", endpoint.url());
        String expected = Base64.getEncoder().encodeToString(("api:" + KEY).getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of("Basic " + expected), endpoint.authorization());
        assertEquals("https://wandb.example.com/graphql", endpoint.toString());
    }

    @Test
    void withoutAKeyCallsTheLocalSandboxOnThePortKnownAtCallTime() {
        AtomicInteger port = new AtomicInteger(0);
        WandbEndpoint endpoint = new WandbEndpoint("https://api.wandb.ai", Optional.of("  "), port::get);

        port.set(41234);
        assertTrue(endpoint.sandbox());
        assertEquals("http://127.0.0.1:41234/sandbox/graphql", endpoint.url());
        port.set(8080);
        assertEquals("http://127.0.0.1:8080/sandbox/graphql", endpoint.url());
        assertEquals(Optional.empty(), endpoint.authorization());
        assertEquals("embedded sandbox", endpoint.toString());
    }

    @Test
    void redactsTheKeyAndTheCredentialsMadeFromIt() {
        WandbEndpoint endpoint = new WandbEndpoint("https://api.wandb.ai", Optional.of(KEY), () -> 0);
        String credentials = endpoint.authorization().orElseThrow().substring("Basic ".length());

        assertEquals("key [redacted], header Basic [redacted]",
                endpoint.redact("key " + KEY + ", header Basic " + credentials));
        assertEquals(null, endpoint.redact(null));
        assertEquals("nothing secret", new WandbEndpoint("https://api.wandb.ai", Optional.empty(), () -> 0)
                .redact("nothing secret"));
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefused() {
        for (String url : new String[] {" / ", "api.wandb.ai", "ftp://api.wandb.ai", "https://", "http://bad host"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new WandbEndpoint(url, Optional.empty(), () -> 0), url);
            assertTrue(e.getMessage().contains("WANDB_BASE_URL"), e.getMessage());
        }
    }
}
