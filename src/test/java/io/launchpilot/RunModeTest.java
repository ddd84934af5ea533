package io.launchpilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunModeTest {

    @Test
    void firstNonOptionArgumentDecidesTheMode() {
        assertEquals(RunMode.SERVE, RunMode.of(new String[] {"serve"}));
        assertEquals(RunMode.SERVE, RunMode.of(new String[] {"--verbose", "serve"}));
        assertEquals(RunMode.SANDBOX, RunMode.of(new String[] {"sandbox"}));
        assertEquals(RunMode.MCP, RunMode.of(new String[] {"mcp"}));
        assertEquals(RunMode.COMMAND, RunMode.of(new String[] {"runs", "list", "serve"}));
        assertEquals(RunMode.COMMAND, RunMode.of(new String[] {}));
        assertEquals(RunMode.COMMAND, RunMode.of(new String[] {"--help"}));
    }

    @Test
    void theConfiguredModeIsServeWhenUnsetAndACommandWhenUnknown() {
        assertEquals(RunMode.SERVE, RunMode.configured(Optional.empty()));
        assertEquals(RunMode.SERVE, RunMode.configured(Optional.of(" serve ")));
        assertEquals(RunMode.SANDBOX, RunMode.configured(Optional.of("sandbox")));
        assertEquals(RunMode.MCP, RunMode.configured(Optional.of("mcp")));
        assertEquals(RunMode.COMMAND, RunMode.configured(Optional.of("command")));
        assertEquals(RunMode.COMMAND, RunMode.configured(Optional.of("something-else")));
        for (RunMode mode : RunMode.values()) {
            assertEquals(mode, RunMode.configured(Optional.of(mode.configValue())), "what main writes reads back");
        }
    }

    @Test
    void onlyLongRunningModesListen() {
        assertTrue(RunMode.SERVE.listens());
        assertTrue(RunMode.SANDBOX.listens());
        assertFalse(RunMode.COMMAND.listens());
        assertFalse(RunMode.MCP.listens());
        assertEquals("sandbox", RunMode.SANDBOX.configValue());
    }
}
