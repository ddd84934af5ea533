package io.launchpilot.policy.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Map<String, Object> CONTEXT = Map.of(
            "run", Map.of("path", "acme/vision/r1", "config", Map.of("lr", 0.01), "tags", List.of("a", "b")),
            "event", Map.of("to", "finished"));

    @Test
    void aLoneReferenceKeepsItsType() {
        assertEquals(0.01, Template.parse("${run.config.lr}").resolve(CONTEXT));
        assertEquals(List.of("a", "b"), Template.parse("${ run.tags }").resolve(CONTEXT));
    }

    @Test
    void embeddedReferencesAreInterpolatedAsText() {
        assertEquals("run acme/vision/r1 is finished (lr 0.01)",
                Template.parse("run ${run.path} is ${event.to} (lr ${run.config.lr})").resolve(CONTEXT));
    }

    @Test
    void plainTextAndEscapes() {
        assertFalse(Template.parse("no references").hasReferences());
        assertEquals("literal ${run.path}", Template.parse("literal $${run.path}").resolve(CONTEXT));
        assertEquals("", Template.parse("").resolve(CONTEXT));
    }

    @Test
    void missingValuesAndMalformedReferencesFail() {
        assertEquals("${run.config.momentum}: run.config.momentum is not set",
                assertThrows(ExpressionException.class, () -> Template.parse("${run.config.momentum}").resolve(CONTEXT))
                        .getMessage());
        assertEquals("${sweep.path}: nothing named sweep in this firing",
                assertThrows(ExpressionException.class, () -> Template.parse("${sweep.path}").resolve(CONTEXT))
                        .getMessage());
        assertThrows(ExpressionException.class, () -> Template.parse("${run.path"));
        assertThrows(ExpressionException.class, () -> Template.parse("${run.path()}"));
        assertThrows(ExpressionException.class, () -> Template.parse("${}"));
    }

    @Test
    void referencesKnowWhereTheyStand() {
        assertEquals(List.of(4, 19), Template.parse("run ${run.path} at ${event.to}").references().stream()
                .map(Reference::offset).toList());
        assertEquals(List.of("run.path", "event.to"), Template.parse("run ${run.path} at ${event.to}").references()
                .stream().map(Reference::text).toList());
    }
}
