package io.launchpilot.sandbox.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.launchpilot.sandbox.Json;
import io.launchpilot.filter.RunFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Small helpers that keep the wiring classes declarative. */
final class Fetchers {

    private Fetchers() {
    }

    /** A field computed from its parent object alone. */
    static <T> DataFetcher<Object> of(Class<T> type, Function<T, Object> field) {
        return env -> field.apply(type.cast(env.getSource()));
    }

    /** A field computed from its parent object and its arguments. */
    static <T> DataFetcher<Object> of(Class<T> type, BiFunction<T, DataFetchingEnvironment, Object> field) {
        return env -> field.apply(type.cast(env.getSource()), env);
    }

    /** A mutation payload: W&B's payload objects are plain field bags, so maps serve them. */
    static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return payload;
    }

    static Map<String, Object> input(DataFetchingEnvironment env) {
        return env.getArgument("input");
    }

    static String string(Map<String, Object> input, String key) {
        Object value = input.get(key);
        return value == null ? null : String.valueOf(value);
    }

    /** A JSONString argument or input field as a JSON object (null when absent). */
    static Map<String, Object> jsonObject(Object value, String what) {
        return value == null ? null : Json.object(value, what);
    }

    static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** W&B's {@code filters} argument: JSON text of a Mongo-style filter, {@code {}} for all. */
    static RunFilter filter(DataFetchingEnvironment env) {
        Map<String, Object> filters = jsonObject(env.getArgument("filters"), "filters");
        return filters == null ? RunFilter.all() : RunFilter.compile(filters);
    }
}
