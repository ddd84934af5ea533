package io.launchpilot.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.launchpilot.queue.EnqueueRejectedException.Violation;
import io.launchpilot.wandb.DefaultResourceConfig;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.RunQueue;
import io.launchpilot.wandb.TemplateVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template variable values against their schema, as enqueue checks them before pushing. */
class TemplateVariableRulesTest {

    static final Map<String, Object> GPUS = Map.of("type", "integer", "default", 1, "minimum", 1, "maximum", 8);
    static final Map<String, Object> IMAGE = Map.of("type", "string", "enum", List.of("python:3.11", "python:3.12"));
    static final Map<String, Object> LR = Map.of("type", "number", "minimum", 0, "maximum", 1.0);

    @Test
    void valuesFromTheCommandLineAreConvertedToTheirType() {
        assertEquals(4, TemplateVariableRules.coerce(GPUS, "4"));
        assertEquals(0.5, TemplateVariableRules.coerce(LR, "0.5"));
        assertEquals(1, TemplateVariableRules.coerce(LR, "1"));
        assertEquals("3", TemplateVariableRules.coerce(IMAGE, 3));
        assertEquals(4, TemplateVariableRules.coerce(GPUS, 4));
        assertEquals("must be an integer, got \"four\"",
                assertThrows(IllegalArgumentException.class, () -> TemplateVariableRules.coerce(GPUS, "four")).getMessage());
        assertEquals("must be an integer, got 2.5",
                assertThrows(IllegalArgumentException.class, () -> TemplateVariableRules.coerce(GPUS, 2.5)).getMessage());
        assertEquals("must be a number, got \"fast\"",
                assertThrows(IllegalArgumentException.class, () -> TemplateVariableRules.coerce(LR, "fast")).getMessage());
    }

    @Test
    void rules() {
        assertNull(TemplateVariableRules.violation(GPUS, 8));
        assertEquals("must be at most 8, got 9", TemplateVariableRules.violation(GPUS, 9));
        assertEquals("must be at least 1, got 0", TemplateVariableRules.violation(GPUS, 0));
        assertEquals("must be an integer, got \"2\"", TemplateVariableRules.violation(GPUS, "2"));
        assertEquals("must be one of [\"python:3.11\", \"python:3.12\"], got \"python:2\"",
                TemplateVariableRules.violation(IMAGE, "python:2"));
        assertEquals("must be at most 1.0, got 1.5", TemplateVariableRules.violation(LR, 1.5));
        assertNull(TemplateVariableRules.violation(Map.of("type", "number", "enum", List.of(1, 2.5)), 1.0));
        assertNull(TemplateVariableRules.violation(Map.of(), "anything"));
    }

    private static RunQueue queue() {
        List<TemplateVariable> variables = List.of(new TemplateVariable("gpus", null, GPUS),
                new TemplateVariable("image", "Container image", IMAGE),
                new TemplateVariable("lr", null, LR));
        return new RunQueue("q1", new QueueRef("acme", "gpu"), "PROJECT", null, PrioritizationMode.V0, List.of(), null,
                null, new DefaultResourceConfig("rc", "kubernetes", Map.of(), variables), List.of());
    }

    @Test
    void enqueueValuesNameEachVariableAndRule() {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("gpus", "12");
        given.put("colour", "red");
        given.put("lr", "x");
        EnqueueService.values(queue(), given, violations);
        assertEquals(List.of(
                new Violation("vars.gpus", "must be at most 8, got 12"),
                new Violation("vars.colour", "queue acme/gpu has no template variable colour; it has gpus, image, lr"),
                new Violation("vars.lr", "must be a number, got \"x\""),
                new Violation("vars.image", "is required: the queue's schema gives it no default")), violations);
    }

    @Test
    void validValuesAreTyped() {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> values = EnqueueService.values(queue(),
                Map.of("gpus", "2", "image", "python:3.12", "lr", "0.1"), violations);
        assertEquals(List.of(), violations);
        assertEquals(Map.of("gpus", 2, "image", "python:3.12", "lr", 0.1), values);
    }
}
