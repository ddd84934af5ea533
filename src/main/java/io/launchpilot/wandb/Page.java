package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One page of a W&B connection. Pass {@code nextCursor} to fetch the page after it while
 * {@code hasNextPage}; {@code total} is the server's count of all matches, when it gives one.
 */
@RegisterForReflection
public record Page<T>(List<T> items, String nextCursor, boolean hasNextPage, Long total) {

    public Page {
        items = Values.list(items);
    }
}
