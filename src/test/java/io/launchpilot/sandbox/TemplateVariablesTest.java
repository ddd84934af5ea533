package io.launchpilot.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

    private static final Map<String, Object> DEFINITIONS = Map.of(
            "cpus", Map.of("description", "cores", "schema", Map.of("type", "integer", "default", 2, "minimum", 1, "maximum", 8)),
            "size", Map.of("schema", Map.of("type", "string", "enum", List.of("small", "large"))),
            "ratio", Map.of("schema", Map.of("type", "number", "default", 0.5)));

    @Test
    void givenValuesAreCheckedAndDefaultsFillTheRest() {
        assertEquals(Map.of("cpus", 4, "size", "large", "ratio", 0.5),
                TemplateVariables.resolve(DEFINITIONS, Map.of("cpus", 4, "size", "large")));
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertEquals("template variable cpus must be at most 8, got 9", assertThrows(SandboxException.class,
                () -> TemplateVariables.resolve(DEFINITIONS, Map.of("cpus", 9, "size", "small"))).getMessage());
        assertEquals("template variable cpus must be of type integer, got two", assertThrows(SandboxException.class,
                () -> TemplateVariables.resolve(DEFINITIONS, Map.of("cpus", "two", "size", "small"))).getMessage());
        assertEquals("template variable size must be one of [small, large], got medium", assertThrows(SandboxException.class,
                () -> TemplateVariables.resolve(DEFINITIONS, Map.of("size", "medium"))).getMessage());
        assertEquals("template variable size has no default and needs a value", assertThrows(SandboxException.class,
                () -> TemplateVariables.resolve(DEFINITIONS, Map.of())).getMessage());
        assertEquals(true, assertThrows(SandboxException.class,
                () -> TemplateVariables.resolve(DEFINITIONS, Map.of("gpus", 1, "size", "small"))).getMessage()
                .startsWith("unknown template variable gpus"));
    }

    @Test
    void placeholdersAreFilledKeepingTheTypeOfALonePlaceholder() {
        Object filled = TemplateVariables.fill(Map.of("cpu", "{{cpus}}", "name", "job-{{ size }}-{{missing}}",
                "list", List.of("{{ratio}}")), Map.of("cpus", 4, "size", "large", "ratio", 0.5));
        assertEquals(Map.of("cpu", 4, "name", "job-large-{{missing}}", "list", List.of(0.5)), filled);
    }

    @Test
    void problemsListBadSchemasAndUndefinedPlaceholders() {
        List<String> problems = TemplateVariables.problems(
                Map.of("a", Map.of("schema", Map.of("type", "boolean")), "b", Map.of("schema", Map.of("type", "integer", "default", "x"))),
                Map.of("resource_args", Map.of("k", Map.of("x", "{{c}}"))));
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(true, problems.contains("config uses {{c}} but no template variable c is defined"));
        assertEquals(true, problems.contains("template variable a has type boolean; expected string, integer or number"));
        assertEquals(true, problems.contains("default of b must be of type integer, got x"));
    }
}
