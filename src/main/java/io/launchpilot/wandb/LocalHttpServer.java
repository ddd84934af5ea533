package io.launchpilot.wandb;

import io.launchpilot.RunMode;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP port that serves the embedded sandbox when no API key is set. In {@code serve} and
 * {@code sandbox} that is this process's own server; Quarkus opens it only after the start-up observers
 * and the first scheduled runs, so a call made meanwhile (the watcher's first poll, the outbox) waits
 * here until the server listens instead of failing as "W&B not answering". One-shot commands and the
 * stdio MCP server never listen: they use the configured port of a serving process beside them.
 */
@ApplicationScoped
class LocalHttpServer {

    private final boolean listens;
    private final Instance<HttpServer> server;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    LocalHttpServer(@ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode, Instance<HttpServer> server) {
        this.listens = RunMode.configured(runMode).listens();
        this.server = server;
    }

    void started(@ObservesAsync HttpServerStart start) {
        listening.complete(null);
    }

    /** The port, waiting at most {@code patience} for this process's server to listen. */
    int port(Duration patience) {
        if (!listens) {
            return ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        }
        try {
            listening.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the call goes out and fails with the usual "not answering", which is then the truth
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the port really bound, also when the configured one is 0 (tests, or a random port)
        return server.get().getPort();
    }
}
