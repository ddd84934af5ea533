package io.launchpilot.mcp;

import io.launchpilot.store.StoreMigration;
import io.quarkiverse.mcp.server.ToolCallException;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this process may read the store (the event ledger, the action outbox): only {@code serve} opens it, so that
 * {@code launchpilot mcp} can run beside a {@code serve} that holds the embedded H2 file. Tools that read the store
 * ask here first and tell the agent where the data is instead.
 */
@Singleton
public class StoreAccess {

    private final boolean open;

    StoreAccess(@ConfigProperty(name = "launchpilot.run-mode") Optional<String> runMode) {
        this.open = StoreMigration.usesStore(runMode);
    }

    void require(String what) {
        if (!open) {
            throw new ToolCallException(what + " is kept by `launchpilot serve`: use the MCP endpoint of a running"
                    + " serve (http://HOST:PORT/mcp) for it");
        }
    }
}
