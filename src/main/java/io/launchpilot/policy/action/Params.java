package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.type.TypeReference;
import io.launchpilot.store.ActionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an action's parameters. The engine validated them when it loaded the policy; a parameter that
 * is still wrong here (a policy of an older version, a hand-made firing) is a permanent failure that
 * names the action type and the parameter.
 */
final class Params {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String type;
    private final JsonNode params;

    private Params(String type, JsonNode params) {
        this.type = type;
        this.params = params == null ? JsonNodeFactory.instance.objectNode() : params;
    }

    static Params of(ActionRecord action) {
        return new Params(action.type(), action.params());
    }

    /** Parameters nested in an object parameter, e.g. {@code linkArtifact}'s {@code from}. */
    static Params of(String type, JsonNode params) {
        return new Params(type, params);
    }

    /** A new, empty result object. */
    static ObjectNode result() {
        return JSON.createObjectNode();
    }

    boolean has(String name) {
        JsonNode value = params.get(name);
        return value != null && !value.isNull();
    }

    JsonNode node(String name) {
        return params.get(name);
    }

    String text(String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw invalid(name + " is required");
        }
        return value.asText();
    }

    String text(String name, String fallback) {
        return has(name) ? text(name) : fallback;
    }

    List<String> texts(String name) {
        JsonNode value = params.get(name);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            throw invalid(name + " must be a list");
        }
        value.forEach(item -> {
            if (!item.isValueNode() || item.isNull()) {
                throw invalid(name + " must be a list of strings");
            }
            result.add(item.asText());
        });
        return result;
    }

    /** An object parameter as a map; null when absent. */
    Map<String, Object> map(String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(name + " must be an object");
        }
        return new LinkedHashMap<>(JSON.convertValue(value, MAP));
    }

    ActionFailure invalid(String reason) {
        return ActionFailure.permanent(type + ": " + reason);
    }
}
