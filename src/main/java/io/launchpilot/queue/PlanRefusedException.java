package io.launchpilot.queue;

import java.util.List;

/**
 * A plan holds a change W&B cannot make (a queue's prioritization from V0 back to DISABLED), so
 * none of it is applied. The plan travels with the exception, to be shown.
 */
public class PlanRefusedException extends RuntimeException {

    private final QueuePlan plan;

    public PlanRefusedException(QueuePlan plan) {
        super(message(plan.refused()));
        this.plan = plan;
    }

    public QueuePlan plan() {
        return plan;
    }

    private static String message(List<QueueChange> refused) {
        QueueChange first = refused.get(0);
        String text = "queue " + first.queue().path() + ": " + first.reason();
        return refused.size() == 1 ? text : refused.size() + " refused changes; the first: " + text;
    }
}
