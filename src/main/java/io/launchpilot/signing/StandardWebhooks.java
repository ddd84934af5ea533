package io.launchpilot.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures in the Standard Webhooks form (standardwebhooks.com): headers {@code webhook-id},
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}, a space-separated list of
 * {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. Shared by the outbound {@code webhook}
 * action and the generic inbound webhook, so both sides agree byte for byte.
 *
 * <p>A secret written {@code whsec_<base64>} is used as the decoded bytes, as the specification says;
 * any other secret as its UTF-8 bytes.
 */
public final class StandardWebhooks {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1,";

    private StandardWebhooks() {
    }

    /** The value of {@code webhook-signature} for this delivery. */
    public static String sign(String secret, String id, Instant timestamp, byte[] body) {
        return VERSION + Base64.getEncoder().encodeToString(mac(secret, id, timestamp.getEpochSecond(), body));
    }

    /**
     * Checks a delivery: the timestamp within {@code tolerance} of {@code now} and one of the listed
     * {@code v1} signatures right. Compared in constant time.
     */
    public static Verdict verify(String secret, String id, String timestamp, String signatures, byte[] body,
            Instant now, Duration tolerance) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null) {
            return Verdict.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Verdict.BAD_TIMESTAMP;
        }
        byte[] expected = mac(secret, id, seconds, body);
        for (String candidate : signatures.trim().split("\\s+")) {
            if (!candidate.startsWith(VERSION)) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(VERSION.length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return Verdict.VALID;
            }
        }
        return Verdict.BAD_SIGNATURE;
    }

    /** The outcome of {@link #verify}; only {@code VALID} lets a delivery in. */
    public enum Verdict {
        VALID, MISSING_HEADERS, BAD_TIMESTAMP, BAD_SIGNATURE
    }

    /** HMAC-SHA256 of {@code body} under {@code secret}; also what W&B's X-Wandb-Signature is made of. */
    public static byte[] hmacSha256(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] mac(String secret, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return hmacSha256(key(secret), content);
    }

    private static byte[] key(String secret) {
        if (secret.startsWith(SECRET_PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                // not base64 after all: fall through to the raw bytes, as some senders do
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
