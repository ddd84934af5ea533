package io.launchpilot.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

    record Token(String secret, Role role) implements AuthConfig.Token {
    }

    @Test
    void findsTheHolderOfAToken() {
        BearerTokens tokens = new BearerTokens(Map.of("ci", new Token("s3cret-ci", Role.WRITE),
                "grafana", new Token("s3cret-grafana", Role.READ)));
        assertTrue(tokens.enabled());
        assertEquals(Optional.of(new BearerTokens.Holder("ci", Role.WRITE)), tokens.holderOf("s3cret-ci"));
        assertEquals(Optional.of(new BearerTokens.Holder("grafana", Role.READ)), tokens.holderOf("s3cret-grafana"));
        assertEquals(Optional.empty(), tokens.holderOf("s3cret-c"));
        assertEquals(Optional.empty(), tokens.holderOf("s3cret-ci "));
        assertEquals(Optional.empty(), tokens.holderOf(""));
        assertFalse(tokens.holders().toString().contains("s3cret"));
    }

    @Test
    void noTokensMeansOpen() {
        assertFalse(new BearerTokens(Map.of()).enabled());
    }

    @Test
    void twoNamesWithOneSecretAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BearerTokens(
                Map.of("a", new Token("dup-s3cret", Role.READ), "b", new Token("dup-s3cret", Role.WRITE))));
        assertFalse(e.getMessage().contains("dup-s3cret"), "the message names the tokens, not the secret");
    }

    @Test
    void readsTheBearerScheme() {
        assertEquals(Optional.of("abc"), Credentials.bearer("Bearer abc"));
        assertEquals(Optional.of("abc"), Credentials.bearer("bearer   abc "));
        assertEquals(Optional.empty(), Credentials.bearer("Bearer "));
        assertEquals(Optional.empty(), Credentials.bearer("Basic abc"));
        assertEquals(Optional.empty(), Credentials.bearer("Bearerabc"));
        assertEquals(Optional.empty(), Credentials.bearer(null));
    }
}
