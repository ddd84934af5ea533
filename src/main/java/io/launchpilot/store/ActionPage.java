package io.launchpilot.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A page of actions, newest first; {@code next} is the cursor of the following page, null after the last. */
@RegisterForReflection
public record ActionPage(List<ActionRecord> items, String next) {

    public ActionPage {
        items = List.copyOf(items);
    }
}
