package io.launchpilot.queue;

import io.launchpilot.wandb.QueueRef;

/** The run queue an operation needs does not exist in W&B. */
public class QueueNotFoundException extends RuntimeException {

    private final QueueRef queue;

    public QueueNotFoundException(QueueRef queue) {
        super("queue " + queue.path() + " not found");
        this.queue = queue;
    }

    public QueueRef queue() {
        return queue;
    }
}
