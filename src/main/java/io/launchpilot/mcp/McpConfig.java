package io.launchpilot.mcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The MCP server's deployment settings (the protocol itself is configured under {@code quarkus.mcp.server}). */
@ConfigMapping(prefix = "launchpilot.mcp")
public interface McpConfig {

    /**
     * True removes every tool that changes something (W&B queues, runs on queues, sweep states, artifact links):
     * {@code tools/list} does not show them and calling one is a tool error. For agents that should only look.
     */
    @WithDefault("false")
    boolean readOnly();
}
