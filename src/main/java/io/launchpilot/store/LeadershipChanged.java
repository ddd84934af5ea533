package io.launchpilot.store;

import java.time.Instant;

/**
 * A CDI event fired when this process becomes the leader or stops being it, so that background jobs
 * can start afresh (reload their state from the store) or stop acting at once.
 */
public record LeadershipChanged(boolean leader, String instanceId, LeaderMode mode, Instant at) {
}
