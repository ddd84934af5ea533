package io.launchpilot.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxActivationTest {

    @ParameterizedTest(name = "mode={0} key={1} -> {2}")
    @CsvSource({
        "sandbox, , true",
        "sandbox, abc123, true",
        "serve, , true",
        "serve, abc123, false",
        ", , true",
        ", abc123, false",
        "command, , false",
        "command, abc123, false",
    })
    void activeInSandboxModeOrWithoutAKey(String mode, String key, boolean active) {
        assertEquals(active, SandboxActivation.decide(Optional.ofNullable(mode), Optional.ofNullable(key)));
    }
}
