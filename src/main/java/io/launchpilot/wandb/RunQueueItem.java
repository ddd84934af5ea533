package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One item waiting in (or taken from) a run queue. {@code state} is W&B's {@code PENDING},
 * {@code LEASED}, {@code CLAIMED} or {@code FAILED}; {@code associatedRunId} is the short run id once
 * an agent started it.
 */
@RegisterForReflection
public record RunQueueItem(String id, String state, String associatedRunId, Instant createdAt) {
}
