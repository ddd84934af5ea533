package io.launchpilot.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Opaque connection cursors: base64 of the JSON list of values that place an item in its order
 * (instants as {@code {"$date": iso}}), so that a page resumes right after the last item seen.
 */
final class Cursors {

    private static final String DATE = "$date";

    private Cursors() {
    }

    static String encode(List<?> position) {
        List<Object> json = new ArrayList<>();
        for (Object value : position) {
            json.add(value instanceof Instant instant ? Map.of(DATE, instant.toString()) : value);
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    static List<Object> decode(String cursor, int size) {
        Object parsed;
        try {
            parsed = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), "cursor");
        } catch (IllegalArgumentException e) {
            throw SandboxException.invalid("invalid cursor: " + cursor);
        }
        if (!(parsed instanceof List<?> list) || list.size() != size) {
            throw SandboxException.invalid("invalid cursor: " + cursor);
        }
        List<Object> position = new ArrayList<>();
        for (Object value : list) {
            position.add(value instanceof Map<?, ?> map && map.size() == 1 && map.get(DATE) instanceof String date
                    ? Instant.parse(date) : value);
        }
        return position;
    }

    static long number(Object value, String cursor) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw SandboxException.invalid("invalid cursor: " + cursor);
    }
}
