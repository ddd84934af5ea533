package io.launchpilot.cli.queues;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.queue.FieldChange;
import io.launchpilot.queue.QueueChange;
import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.queue.QueuePlan;
import java.io.PrintWriter;
import java.util.Map;

/** A plan as a person reads it, in the manner of {@code terraform plan}: one line per queue, one per changed field. */
final class PlanText {

    private static final Map<Action, String> SIGNS = Map.of(
            Action.CREATE, "+", Action.UPDATE, "~", Action.UNCHANGED, "=", Action.DELETE, "-",
            Action.ORPHANED, "?", Action.UNMANAGED, " ", Action.REFUSED, "!");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanText() {
    }

    static void print(PrintWriter out, QueuePlan plan) {
        int width = plan.changes().stream().mapToInt(change -> change.action().label().length()).max().orElse(0);
        for (QueueChange change : plan.changes()) {
            String label = change.action().label();
            StringBuilder line = new StringBuilder(SIGNS.get(change.action())).append(' ').append(label)
                    .append(" ".repeat(width - label.length() + 2)).append(change.queue().path());
            if (change.drift()) {
                line.append("  (changed in W&B since it was applied)");
            }
            if (change.reason() != null && change.action() != Action.REFUSED) {
                line.append("  (").append(change.reason()).append(')');
            }
            out.println(line);
            for (FieldChange field : change.fields()) {
                out.println("      " + field.field() + ": " + switch (field.change()) {
                    case ADDED -> "(none) -> " + show(field.after());
                    case REMOVED -> show(field.before()) + " -> (none)";
                    case CHANGED -> show(field.before()) + " -> " + show(field.after());
                });
            }
            if (change.action() == Action.REFUSED) {
                out.println("      refused: " + change.reason());
            }
        }
        out.println(summary(plan));
        out.flush();
    }

    static String summary(QueuePlan plan) {
        return "Plan: " + plan.count(Action.CREATE) + " to create, " + plan.count(Action.UPDATE) + " to update, "
                + plan.count(Action.DELETE) + " to delete; " + plan.count(Action.UNCHANGED) + " unchanged, "
                + plan.count(Action.ORPHANED) + " orphaned, " + plan.count(Action.UNMANAGED) + " unmanaged"
                + (plan.refused().isEmpty() ? "." : ", " + plan.refused().size() + " refused.");
    }

    /** The refused changes on stderr, {@code file:line:column: queue ...: reason}, one per line. */
    static void refusals(PrintWriter err, QueuePlan plan) {
        plan.refused().forEach(change -> err.println(change.position() + ": queue " + change.queue().path() + ": "
                + change.reason()));
        err.flush();
    }

    private static String show(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
