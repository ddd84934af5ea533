package io.launchpilot.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.launchpilot.signing.StandardWebhooks.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    // the example of the Standard Webhooks specification's reference libraries
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final Instant AT = Instant.ofEpochSecond(1614265330);
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAsTheSpecificationsExample() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardWebhooks.sign(SECRET, ID, AT, BODY));
    }

    @Test
    void acceptsItsOwnSignatureAmongOthers() {
        String header = "v1,bm90IGl0 " + StandardWebhooks.sign(SECRET, ID, AT, BODY);
        assertEquals(Verdict.VALID, verify(header, "1614265330", BODY, AT.plusSeconds(60)));
    }

    @Test
    void rejectsAChangedBodyAStaleTimestampAndMissingHeaders() {
        String header = StandardWebhooks.sign(SECRET, ID, AT, BODY);
        assertEquals(Verdict.BAD_SIGNATURE, verify(header, "1614265330", "{}".getBytes(StandardCharsets.UTF_8), AT));
        assertEquals(Verdict.BAD_TIMESTAMP, verify(header, "1614265330", BODY, AT.plus(Duration.ofMinutes(6))));
        assertEquals(Verdict.BAD_TIMESTAMP, verify(header, "yesterday", BODY, AT));
        assertEquals(Verdict.MISSING_HEADERS, verify(null, "1614265330", BODY, AT));
        assertEquals(Verdict.BAD_SIGNATURE, verify("v1,%%%", "1614265330", BODY, AT));
    }

    private static Verdict verify(String signatures, String timestamp, byte[] body, Instant now) {
        return StandardWebhooks.verify(SECRET, ID, timestamp, signatures, body, now, Duration.ofMinutes(5));
    }
}
