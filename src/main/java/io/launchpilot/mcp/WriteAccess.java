package io.launchpilot.mcp;

import io.launchpilot.web.auth.Caller;
import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolInputGuardrail;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.quarkus.arc.Arc;
import jakarta.inject.Singleton;

/**
 * The one guard in front of every tool that writes. A tool writes unless it is annotated {@code readOnlyHint = true};
 * each writing tool names this class in {@code @ToolGuardrails(input = ...)}, so that its call is refused before it
 * runs: on a read-only server ({@code launchpilot.mcp.read-only=true}), and for a caller whose bearer token has
 * the read role (403, as the REST API answers it). Both also leave the writing tools out of {@code tools/list}, so
 * that an agent is not offered what it may not do.
 */
@Singleton
public class WriteAccess implements ToolFilter, ToolInputGuardrail {

    private final McpConfig config;
    private final Caller caller;

    WriteAccess(McpConfig config, Caller caller) {
        this.config = config;
        this.caller = caller;
    }

    /** Hides writing tools from lists the caller may not use; a call still reaches {@link #apply} for a clear refusal. */
    @Override
    public boolean test(ToolInfo tool, FilterContext context) {
        return context.method() == McpMethod.TOOLS_CALL || !writes(tool) || (!config.readOnly() && callerMayWrite());
    }

    @Override
    public void apply(ToolInputContext context) {
        String tool = context.getTool().name();
        if (config.readOnly()) {
            throw new ToolCallException(tool + " changes W&B and this Launchpilot MCP server is read-only"
                    + " (launchpilot.mcp.read-only=true); only the tools in tools/list are available");
        }
        if (!callerMayWrite()) {
            throw new ToolCallException("403 forbidden: " + tool + " changes W&B and the bearer token "
                    + caller.tokenName().map(name -> "'" + name + "' ").orElse("") + "has the read role;"
                    + " a token with role write is needed");
        }
    }

    private boolean callerMayWrite() {
        // stdio has no request: its caller is the local user who started `launchpilot mcp`, who may write
        return !Arc.container().requestContext().isActive() || caller.mayWrite();
    }

    static boolean writes(ToolInfo tool) {
        return tool.annotations().map(annotations -> !annotations.readOnlyHint()).orElse(true);
    }
}
