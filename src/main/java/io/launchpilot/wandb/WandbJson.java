package io.launchpilot.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of W&B. W&B mixes real JSON values with JSON documents sent as strings
 * ({@code JSONString}), and old and new servers differ on which field is which, so every reader here
 * accepts both forms. Everything maps to plain maps, lists and scalars: nothing needs reflection.
 */
final class WandbJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private WandbJson() {
    }

    /** Encodes a value as JSON text, for {@code JSONString} variables. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Variables for the dynamic client. It writes strings, numbers and booleans itself but hands
     * anything else to JSON-B; converting maps and lists to JSON-P here keeps that path (and its
     * reflection) out of the picture.
     */
    static Map<String, Object> variables(Map<String, Object> variables) {
        Map<String, Object> result = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Boolean || value instanceof Double) {
                result.put(name, value);
            } else {
                result.put(name, toJsonP(value));
            }
        });
        return result;
    }

    private static JsonValue toJsonP(Object value) {
        try (var reader = Json.createReader(new StringReader(write(value)))) {
            return reader.readValue();
        }
    }

    /** A JSON object given either as an object or as a JSON string; absent or null gives an empty map. */
    static Map<String, Object> object(JsonNode node) {
        JsonNode value = parsedIfText(node);
        if (value == null || !value.isObject()) {
            return Map.of();
        }
        return JSON.convertValue(value, MAP);
    }

    /** Like {@link #object(JsonNode)} for a YAML (or JSON, which is YAML) document held in a string. */
    static Map<String, Object> yamlObject(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isTextual()) {
            return object(node);
        }
        try {
            JsonNode value = YAML.readTree(node.asText());
            return value != null && value.isObject() ? JSON.convertValue(value, MAP) : Map.of();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON value given either as itself or as a JSON string. */
    static JsonNode parsedIfText(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException notJson) {
                return node;
            }
        }
        return node;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> {
                if (!item.isNull()) {
                    result.add(item.asText());
                }
            });
        }
        return result;
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    static Long longValue(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asDouble();
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.asBoolean(false);
    }

    /** W&B's DateTime: ISO 8601, with an offset or (as W&B often sends) without one, meaning UTC. */
    static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notIso) {
                throw new IllegalArgumentException("field " + field + " is not an ISO date-time: " + text);
            }
        }
    }

    /** The nodes of a relay connection's {@code edges}. */
    static List<JsonNode> nodes(JsonNode connection) {
        List<JsonNode> result = new ArrayList<>();
        JsonNode edges = connection == null ? null : connection.get("edges");
        if (edges != null && edges.isArray()) {
            edges.forEach(edge -> {
                JsonNode node = edge.get("node");
                if (node != null && !node.isNull()) {
                    result.add(node);
                }
            });
        }
        return result;
    }

    /** A field that is absent and a field that is null both mean "not there". */
    static JsonNode present(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
