package io.launchpilot.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the watcher remembers between polls, as the JSON kept in the store: where it stands in a
 * project, and what it last saw of each run, sweep and queue item.
 */
final class Snapshots {

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Summary values longer than this are remembered by a digest. */
    private static final int MAX_KEPT_VALUE = 40;

    private Snapshots() {
    }

    /**
     * Where the watcher stands in a project, in W&B's times (second precision).
     *
     * @param heartbeat the newest heartbeat seen; null while the project has no run
     * @param floor the next poll reads every run whose heartbeat is at or after this; null reads all
     * @param movedAt when (by Launchpilot's clock) {@code heartbeat} last moved
     * @param since when watching began: a run first seen later that was created before this entered
     *        the filter rather than being created; null when the project was empty
     */
    @RegisterForReflection
    record ProjectPosition(Instant heartbeat, Instant floor, Instant movedAt, Instant since) {
    }

    /** A run as last seen: its state, heartbeat, sweep and a fingerprint of each summary value. */
    @RegisterForReflection
    record RunSnapshot(String state, Instant heartbeatAt, String sweep, Map<String, String> summary) {

        RunSnapshot {
            summary = summary == null ? Map.of() : Map.copyOf(summary);
        }

        boolean active() {
            return state != null && switch (state) {
                case "running", "pending", "preempting" -> true;
                default -> false;
            };
        }
    }

    /** A sweep as last seen, with its metric and the best run by it. */
    @RegisterForReflection
    record SweepSnapshot(String state, Double bestLoss, Integer runCount, String metric, String goal,
            String bestRun, Double bestValue) {
    }

    /** A queue item as last seen. */
    @RegisterForReflection
    record ItemSnapshot(String state, String run) {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a snapshot", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store holds a snapshot that is not a " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A fingerprint of each user-facing summary value; W&B's own bookkeeping keys ({@code _step},
     * {@code _runtime}, {@code _timestamp}, {@code _wandb}) change on every log and are left out.
     */
    static Map<String, String> fingerprint(Map<String, Object> summary) {
        Map<String, String> result = new TreeMap<>();
        summary.forEach((key, value) -> {
            if (!key.startsWith("_")) {
                result.put(key, fingerprint(value));
            }
        });
        return result;
    }

    private static String fingerprint(Object value) {
        String text;
        try {
            text = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            text = String.valueOf(value);
        }
        if (text.length() <= MAX_KEPT_VALUE) {
            return text;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A scalar summary value for an event's payload; null for values too big to carry. */
    static JsonNode scalar(Object value) {
        JsonNode node = JSON.valueToTree(value);
        return node.isValueNode() ? node : null;
    }
}
