package io.launchpilot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The control API's request bodies, read strictly: unknown fields, wrong types and malformed
 * JSON are refused with a message that says which field is wrong.
 */
final class ControlRequests {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ControlRequests() {
    }

    /** {@code POST /sandbox/api/runs}; {@code config} holds plain values. */
    @RegisterForReflection
    record CreateRun(String entity, String project, String name, String displayName, String state,
                     Map<String, Object> config, Map<String, Object> summary, List<String> tags, String sweep,
                     String group, String jobType) {
    }

    /** {@code PATCH /sandbox/api/runs/{entity}/{project}/{name}}. */
    @RegisterForReflection
    record PatchRun(String state, Map<String, Object> summary, Map<String, Object> config, List<String> tags) {
    }

    /** {@code POST /sandbox/api/sweeps}; {@code config} is YAML text or a JSON object. */
    @RegisterForReflection
    record CreateSweep(String entity, String project, Object config, String state) {
    }

    /** {@code POST /sandbox/api/artifacts}; {@code run} is the short id of the logging run. */
    @RegisterForReflection
    record CreateArtifact(String entity, String project, String run, String type, String name, List<String> aliases) {
    }

    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw SandboxException.invalid("a JSON object body is required");
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw SandboxException.invalid("a JSON object body is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw SandboxException.invalid("unknown field \"" + e.getPropertyName() + "\"; known fields: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof SandboxException refusal) {
                throw refusal;
            }
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw SandboxException.invalid((field.isEmpty() ? "body" : "field \"" + field + "\"")
                    + " has the wrong type: " + e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw SandboxException.invalid("body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw SandboxException.invalid("\"" + field + "\" is required");
        }
        return value;
    }
}
