package io.launchpilot.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Comparing presented credentials with configured ones without leaking, through timing, how much of
 * them matched: both sides are hashed to SHA-256 first, so even their lengths are compared in constant time.
 */
public final class Credentials {

    private static final String BEARER = "bearer ";

    private Credentials() {
    }

    /** The token of an {@code Authorization: Bearer <token>} header; empty for any other or no header. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The SHA-256 of a credential, the form in which it is kept and compared. */
    public static byte[] digest(String credential) {
        return sha256(credential.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code presented} is the credential behind {@code expectedDigest}, in constant time. */
    public static boolean matches(String presented, byte[] expectedDigest) {
        return presented != null && MessageDigest.isEqual(digest(presented), expectedDigest);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
