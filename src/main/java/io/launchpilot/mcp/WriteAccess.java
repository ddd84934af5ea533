package io.launchpilot.mcp;

import io.quarkiverse.mcp.server.FilterContext;
import io.quarkiverse.mcp.server.McpMethod;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolFilter;
import io.quarkiverse.mcp.server.ToolInputGuardrail;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import jakarta.inject.Singleton;

/**
 * The one guard in front of every tool that writes. A tool writes unless it is annotated {@code readOnlyHint = true};
 * each writing tool names this class in {@code @ToolGuardrails(input = ...)}, so that its call is refused before it
 * runs. With {@code launchpilot.mcp.read-only=true} the writing tools are also left out of {@code tools/list}.
 */
@Singleton
public class WriteAccess implements ToolFilter, ToolInputGuardrail {

    private final McpConfig config;

    WriteAccess(McpConfig config) {
        this.config = config;
    }

    /** Hides writing tools from a read-only server's list; a call still reaches {@link #apply} for a clear refusal. */
    @Override
    public boolean test(ToolInfo tool, FilterContext context) {
        return !config.readOnly() || context.method() == McpMethod.TOOLS_CALL || !writes(tool);
    }

    @Override
    public void apply(ToolInputContext context) {
        String tool = context.getTool().name();
        if (config.readOnly()) {
            throw new ToolCallException(tool + " changes W&B and this Launchpilot MCP server is read-only"
                    + " (launchpilot.mcp.read-only=true); only the tools in tools/list are available");
        }
    }

    static boolean writes(ToolInfo tool) {
        return tool.annotations().map(annotations -> !annotations.readOnlyHint()).orElse(true);
    }
}
