package io.launchpilot.queue;

import io.launchpilot.wandb.QueueRef;

/** Launchpilot refuses to delete a queue it does not manage unless told to (force). */
public class QueueNotManagedException extends RuntimeException {

    public QueueNotManagedException(QueueRef queue) {
        super("queue " + queue.path() + " is not managed by Launchpilot (no " + ManagedMarker.LABEL
                + " link); force the deletion to delete it anyway");
    }
}
