package io.launchpilot.policy;

import io.launchpilot.sweep.SweepAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters each action takes (the contract with the outbox, which executes exactly these), and
 * what a parameter left out is filled with from the firing's subject.
 */
final class ActionRules {

    /** What a parameter holds. */
    enum Kind {
        TEXT, OBJECT, LIST
    }

    /** One parameter; {@code choices} are the allowed texts, empty for any. */
    record Param(String name, Kind kind, boolean required, Set<String> choices) {

        static Param text(String name, boolean required, String... choices) {
            return new Param(name, Kind.TEXT, required, Set.of(choices));
        }

        static Param object(String name, boolean required) {
            return new Param(name, Kind.OBJECT, required, Set.of());
        }

        static Param list(String name) {
            return new Param(name, Kind.LIST, false, Set.of());
        }
    }

    static final Map<String, List<Param>> ACTIONS = actions();

    /** Parameters that default to the subject, and the reference root the default needs. */
    static final Map<String, Map<String, String>> SUBJECT_DEFAULTS = Map.of(
            "tagRun", Map.of("run", "run"),
            "updateRun", Map.of("run", "run"),
            "setSweepState", Map.of("sweep", "sweep"));

    /** Groups of parameters of which at least one (or exactly one) must be given. */
    static final Map<String, List<String>> AT_LEAST_ONE = Map.of(
            "tagRun", List.of("add", "remove"),
            "updateRun", List.of("summary", "config"));
    static final Map<String, List<String>> EXACTLY_ONE = Map.of(
            "enqueue", List.of("job", "image"));

    static final Set<String> LINK_FROM_RUN = Set.of("run", "type", "alias");
    static final Set<String> LINK_FROM_ARTIFACT = Set.of("artifact");

    private ActionRules() {
    }

    private static Map<String, List<Param>> actions() {
        Map<String, List<Param>> actions = new LinkedHashMap<>();
        actions.put("enqueue", List.of(Param.text("queue", true), Param.text("job", false), Param.text("image", false),
                Param.object("vars", false), Param.object("config", false),
                Param.text("priority", false, "critical", "high", "medium", "low"), Param.text("project", false)));
        actions.put("linkArtifact", List.of(Param.object("from", true), Param.text("to", true), Param.list("aliases")));
        actions.put("tagRun", List.of(Param.text("run", false), Param.list("add"), Param.list("remove")));
        actions.put("updateRun", List.of(Param.text("run", false), Param.object("summary", false),
                Param.object("config", false)));
        actions.put("setSweepState", List.of(Param.text("sweep", false),
                Param.text("state", true, SweepAction.labels())));
        actions.put("applyQueue", List.of(Param.object("spec", true)));
        actions.put("webhook", List.of(Param.text("url", true), Param.object("body", false), Param.text("secret", false),
                Param.object("headers", false)));
        actions.put("log", List.of(Param.text("message", true), Param.text("level", false, "info", "warn")));
        return Map.copyOf(actions);
    }
}
