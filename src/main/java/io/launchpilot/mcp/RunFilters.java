package io.launchpilot.mcp;

import io.quarkiverse.mcp.server.GlobalInputSchemaGenerator;
import io.quarkiverse.mcp.server.InputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolInputGuardrail;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The {@code filters} argument of {@code list_runs} may be a JSON object or the same object as JSON text: models write
 * both. As a guardrail it turns either into the JSON text W&B takes (and refuses text that is not a JSON object, before
 * W&B answers with a terse server error); as a schema generator it says so in the tool's input schema.
 */
@Singleton
public class RunFilters implements ToolInputGuardrail, InputSchemaGenerator<Map<String, Object>> {

    static final String ARGUMENT = "filters";

    private final GlobalInputSchemaGenerator defaults;

    RunFilters(GlobalInputSchemaGenerator defaults) {
        this.defaults = defaults;
    }

    @Override
    public void apply(ToolInputContext context) {
        JsonObject arguments = context.getArguments();
        Object filters = arguments.getValue(ARGUMENT);
        if (filters == null) {
            return;
        }
        String text;
        if (filters instanceof JsonObject object) {
            text = object.encode();
        } else if (filters instanceof String string) {
            text = string.isBlank() ? "{}" : checked(string);
        } else {
            throw new ToolCallException("filters must be a JSON object (or the same as JSON text), got " + filters);
        }
        context.setArguments(arguments.copy().put(ARGUMENT, text));
    }

    private static String checked(String text) {
        try {
            new JsonObject(text);
            return text;
        } catch (DecodeException | ClassCastException e) {
            throw new ToolCallException("filters is not a JSON object: " + text);
        }
    }

    @Override
    public Map<String, Object> generate(ToolInfo tool) {
        JsonObject schema = new JsonObject(defaults.generate(tool).asJson());
        JsonObject property = schema.getJsonObject("properties").getJsonObject(ARGUMENT);
        property.put("type", new JsonArray().add("object").add("string"));
        return schema.getMap();
    }
}
