package io.launchpilot.wandb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Defensive copies for the records: JSON maps keep their order and may hold nulls, unlike {@code Map.copyOf}. */
final class Values {

    private Values() {
    }

    static Map<String, Object> map(Map<String, ?> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A copy without nulls: W&B lists of names sometimes carry a null for a deleted entry. */
    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
