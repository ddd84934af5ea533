package io.launchpilot.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Blanks credentials out of a delivery's body before it goes into the ledger: a W&B payload template
 * may copy the webhook's own secrets into the body ({@code ${ACCESS_TOKEN}}, {@code ${SECRET_NAME}}),
 * and the ledger is readable through the API.
 */
final class Redaction {

    static final String MARK = "[redacted]";

    private Redaction() {
    }

    /** The same tree with every string that contains one of {@code secrets} replaced by {@link #MARK}. */
    static JsonNode apply(JsonNode node, List<String> secrets) {
        if (secrets.isEmpty()) {
            return node;
        }
        if (node.isTextual()) {
            return contains(node.asText(), secrets) ? TextNode.valueOf(MARK) : node;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(contains(field.getKey(), secrets) ? MARK : field.getKey(), apply(field.getValue(), secrets));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(apply(element, secrets)));
            return copy;
        }
        return node;
    }

    private static boolean contains(String text, List<String> secrets) {
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }
}
