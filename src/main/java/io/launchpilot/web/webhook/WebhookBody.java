package io.launchpilot.web.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.launchpilot.web.webhook.WebhookRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;

/** Reading a delivery's body: never more than the limit into memory, and exactly one JSON value. */
final class WebhookBody {

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).reader();

    private WebhookBody() {
    }

    /**
     * The raw bytes of the body. A declared {@code Content-Length} over the limit is refused before
     * reading; an undeclared (chunked) length is counted while reading, and reading stops one byte past the limit.
     */
    static byte[] read(InputStream in, String contentLength, long limit) throws IOException {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.strip()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw new WebhookRefusedException(Reason.MALFORMED, "Content-Length is not a number");
            }
        }
        if (in == null) {
            return new byte[0];
        }
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return bytes;
    }

    /** The body as JSON; 400 when it is empty, malformed or followed by more. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new WebhookRefusedException(Reason.MALFORMED, "the body is empty; a JSON document is expected");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebhookRefusedException(Reason.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookRefusedException(Reason.MALFORMED, "unreadable body: " + e.getMessage());
        }
    }

    private static WebhookRefusedException tooLarge(long limit) {
        return new WebhookRefusedException(Reason.TOO_LARGE,
                "the body is larger than " + limit + " bytes (launchpilot.webhooks.max-body)");
    }
}
