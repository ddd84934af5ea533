package io.launchpilot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON and YAML text as the sandbox stores it: plain maps, lists and scalars. W&B sends much of
 * its data as JSON inside strings (JSONString) and sweep configs as YAML text.
 */
public final class Json {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final TypeReference<Object> ANY = new TypeReference<>() { };

    private Json() {
    }

    /** Serializes a value as JSON text. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text into maps, lists and scalars. */
    public static Object parse(String text, String what) {
        try {
            return JSON.readValue(text, ANY);
        } catch (JsonProcessingException e) {
            throw SandboxException.invalid(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A JSON object given either as JSONString text or already parsed; null or blank is empty.
     */
    public static Map<String, Object> object(Object value, String what) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return Map.of();
        }
        Object parsed = value instanceof String s ? parse(s, what) : value;
        if (parsed == null) {
            return Map.of();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw SandboxException.invalid(what + " must be a JSON object");
        }
        return stringKeys(map);
    }

    /** Parses YAML text (JSON is YAML too) into maps, lists and scalars. */
    public static Object parseYaml(String text, String what) {
        try {
            return YAML.readValue(text, ANY);
        } catch (JsonProcessingException e) {
            throw SandboxException.invalid(what + " is not valid YAML: " + e.getOriginalMessage());
        }
    }

    public static String writeYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** An unmodifiable copy that, unlike {@link Map#copyOf}, keeps null values (JSON has them). */
    public static Map<String, Object> frozen(Map<String, ?> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static List<String> frozen(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A map with string keys, for values that arrive as {@code Map<?, ?>}. */
    public static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
