package io.launchpilot.sweep;

import com.fasterxml.jackson.annotation.JsonValue;
import io.launchpilot.wandb.SweepState;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a person or an agent may do to a sweep, in the words of {@code wandb sweep --pause|--resume|--stop|--cancel},
 * and the state W&B is asked for: stop lets running runs finish, cancel kills them.
 */
public enum SweepAction {
    PAUSE(SweepState.PAUSED),
    RESUME(SweepState.RUNNING),
    STOP(SweepState.FINISHED),
    CANCEL(SweepState.CANCELED);

    private final SweepState target;

    SweepAction(SweepState target) {
        this.target = target;
    }

    public SweepState target() {
        return target;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The labels of all actions, as policies and tools spell them. */
    public static String[] labels() {
        return Arrays.stream(values()).map(SweepAction::label).toArray(String[]::new);
    }

    /** @throws IllegalArgumentException naming the actions, for anything else */
    public static SweepAction parse(String text) {
        String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(action -> action.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sweep action must be one of pause, resume, stop, cancel, got "
                        + (text == null ? "none" : "\"" + text + "\"")));
    }
}
