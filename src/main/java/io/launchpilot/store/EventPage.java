package io.launchpilot.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A page of events; {@code next} is the cursor to pass as {@code after} for the following page, or
 * null when this page was the last one for now.
 */
@RegisterForReflection
public record EventPage(List<Event> items, String next) {

    public EventPage {
        items = List.copyOf(items);
    }
}
