package io.launchpilot.cli;

import io.quarkiverse.mcp.server.stdio.runtime.StdioMcpMessageHandler;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The MCP server over stdin/stdout, for desktop agents that start it as a subprocess. stdout carries MCP frames only:
 * it is handed to the stdio transport and {@code System.out} is nulled, so nothing else can write to it (logs go to
 * stderr). The stdio transport is started here rather than by the extension at boot, so that {@code serve} never reads
 * its stdin and does not stop when it closes; this process ends when the agent closes stdin.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, description = {
        "Serve MCP (Model Context Protocol) over stdin/stdout for a desktop agent (Claude Desktop, IDEs): JSON-RPC",
        "frames on stdout, logs on stderr. It talks to W&B as the other commands do (WANDB_API_KEY, or the sandbox of",
        "a local `launchpilot serve`). The HTTP transport is at /mcp of `launchpilot serve`."})
public class McpCommand implements Callable<Integer> {

    @Inject
    StdioMcpMessageHandler stdio;

    @Override
    public Integer call() {
        PrintStream frames = System.out;
        // for good: shutdown chatter after the agent left must not reach the frames either
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        stdio.initialize(frames);
        Quarkus.waitForExit();
        return 0;
    }
}
