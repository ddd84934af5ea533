package io.launchpilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void onlyLongRunningModesListen() {
        assertTrue(RunMode.SERVE.listens());
        assertTrue(RunMode.SANDBOX.listens());
        assertFalse(RunMode.COMMAND.listens());
        assertFalse(RunMode.MCP.listens());
        assertEquals("sandbox", RunMode.SANDBOX.configValue());
    }
}
