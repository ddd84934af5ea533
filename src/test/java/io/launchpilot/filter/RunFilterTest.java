package io.launchpilot.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Four runs with different shapes: a has everything, d has almost nothing. */
    private static final List<Map<String, Object>> RUNS = List.of(
            run("a", "finished", Map.of(
                    "displayName", "brisk-fox-1",
                    "tags", List.of("baseline", "gpu"),
                    "group", "g1",
                    "jobType", "train",
                    "sweep", "sw1",
                    "username", "alice",
                    "createdAt", Instant.parse("2024-01-01T10:00:00Z"),
                    "heartbeatAt", Instant.parse("2024-01-01T11:00:00Z"),
                    "config", Map.of("lr", wrap(0.1), "optimizer", wrap(Map.of("name", "adam", "beta", 0.9)),
                            "layers", wrap(3)),
                    "summary_metrics", Map.of("loss", 0.25, "val", Map.of("acc", 0.91), "_step", 100))),
            run("b", "running", Map.of(
                    "displayName", "calm-owl-2",
                    "tags", List.of("gpu"),
                    "group", "g1",
                    "jobType", "eval",
                    "username", "bob",
                    "createdAt", Instant.parse("2024-01-02T10:00:00Z"),
                    "config", Map.of("lr", wrap(0.01), "layers", wrap(5)),
                    "summary_metrics", Map.of("loss", 0.5, "val", Map.of("acc", 0.8)))),
            run("c", "crashed", Map.of(
                    "displayName", "Brisk-Hawk-3",
                    "tags", List.of(),
                    "createdAt", Instant.parse("2024-01-03T10:00:00Z"),
                    "config", Map.of("lr", wrap("auto")),
                    "summary_metrics", Map.of("loss", 1))),
            run("d", "failed", Map.of(
                    "createdAt", Instant.parse("2024-01-04T10:00:00Z"))));

    private static Map<String, Object> wrap(Object value) {
        Map<String, Object> wrapped = new HashMap<>();
        wrapped.put("value", value);
        wrapped.put("desc", null);
        return wrapped;
    }

    private static Map<String, Object> run(String name, String state, Map<String, Object> fields) {
        Map<String, Object> doc = new LinkedHashMap<>(fields);
        doc.put("name", name);
        doc.put("state", state);
        return doc;
    }

    private static String matching(String filterJson) throws Exception {
        RunFilter filter = RunFilter.compile(JSON.readValue(filterJson, new TypeReference<Map<String, Object>>() { }));
        StringBuilder names = new StringBuilder();
        for (Map<String, Object> run : RUNS) {
            if (filter.matches(run)) {
                names.append(run.get("name"));
            }
        }
        return names.toString();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{}|abcd",
        // implicit equality and $eq/$ne on run columns
        "{\"state\": \"finished\"}|a",
        "{\"state\": {\"$eq\": \"running\"}}|b",
        "{\"state\": {\"$ne\": \"running\"}}|acd",
        "{\"display_name\": \"calm-owl-2\"}|b",
        "{\"displayName\": \"calm-owl-2\"}|b",
        "{\"name\": \"c\"}|c",
        "{\"jobType\": \"train\"}|a",
        "{\"group\": \"g1\", \"jobType\": \"eval\"}|b",
        "{\"username\": \"alice\"}|a",
        "{\"sweep\": \"sw1\"}|a",
        // missing keys: comparisons match nothing, $ne/$nin/$exists:false/null equality match
        "{\"group\": {\"$ne\": \"g1\"}}|cd",
        "{\"group\": {\"$nin\": [\"g1\"]}}|cd",
        "{\"group\": {\"$exists\": false}}|cd",
        "{\"group\": {\"$exists\": true}}|ab",
        "{\"group\": null}|cd",
        "{\"sweep\": {\"$gt\": \"\"}}|a",
        "{\"config.lr\": {\"$lt\": 100}}|ab",
        "{\"summary_metrics.loss\": {\"$gte\": 0}}|abc",
        // numbers compare numerically across int/double; strings never compare with numbers
        "{\"config.lr\": {\"$gt\": 0.05}}|a",
        "{\"config.lr\": {\"$gte\": 0.01}}|ab",
        "{\"config.lr\": {\"$lte\": 0.01}}|b",
        "{\"config.lr\": \"auto\"}|c",
        "{\"config.lr.value\": 0.1}|a",
        "{\"config.layers\": 3.0}|a",
        "{\"summary_metrics.loss\": 1.0}|c",
        "{\"summary_metrics.loss\": {\"$lt\": 1}}|ab",
        "{\"summary_metrics.val.acc\": {\"$gt\": 0.85}}|a",
        "{\"config.optimizer.name\": \"adam\"}|a",
        "{\"config.optimizer.value.beta\": {\"$gt\": 0.5}}|a",
        "{\"config.missing\": {\"$exists\": false}}|abcd",
        // arrays: element semantics
        "{\"tags\": \"gpu\"}|ab",
        "{\"tags\": {\"$in\": [\"baseline\", \"nothing\"]}}|a",
        "{\"tags\": {\"$nin\": [\"gpu\"]}}|cd",
        "{\"tags\": {\"$ne\": \"gpu\"}}|cd",
        "{\"tags\": [\"gpu\"]}|b",
        "{\"tags\": []}|c",
        "{\"tags\": {\"$regex\": \"^base\"}}|a",
        "{\"tags\": {\"$exists\": true}}|abc",
        // $in/$nin on scalars
        "{\"state\": {\"$in\": [\"running\", \"crashed\"]}}|bc",
        "{\"state\": {\"$nin\": [\"running\", \"crashed\"]}}|ad",
        // $regex, with options
        "{\"displayName\": {\"$regex\": \"^brisk\"}}|a",
        "{\"displayName\": {\"$regex\": \"^brisk\", \"$options\": \"i\"}}|ac",
        "{\"display_name\": {\"$regex\": \"o\"}}|ab",
        "{\"config.lr\": {\"$regex\": \"a\"}}|c",
        // dates: instants meet ISO strings with or without zone, and dates
        "{\"createdAt\": {\"$gt\": \"2024-01-02T10:00:00\"}}|cd",
        "{\"created_at\": {\"$gte\": \"2024-01-02T10:00:00Z\"}}|bcd",
        "{\"createdAt\": {\"$lt\": \"2024-01-02\"}}|a",
        "{\"heartbeatAt\": {\"$gt\": \"2024-01-01T10:30:00\"}}|a",
        "{\"createdAt\": {\"$gte\": \"2024-01-02T00:00:00+02:00\", \"$lt\": \"2024-01-04\"}}|bc",
        // logical operators, nested
        "{\"$and\": [{\"state\": \"finished\"}, {\"config.lr\": {\"$gt\": 0.01}}]}|a",
        "{\"$or\": [{\"state\": \"failed\"}, {\"tags\": \"baseline\"}]}|ad",
        "{\"$nor\": [{\"state\": \"failed\"}, {\"tags\": \"baseline\"}]}|bc",
        "{\"$or\": [{\"$and\": [{\"group\": \"g1\"}, {\"jobType\": \"eval\"}]}, {\"$nor\": [{\"createdAt\": {\"$lt\": \"2024-01-04\"}}]}]}|bd",
        "{\"$and\": [{\"sweep\": \"sw1\"}]}|a",
        "{\"state\": \"running\", \"$or\": [{\"tags\": \"gpu\"}, {\"tags\": \"cpu\"}]}|b",
    })
    void matchesLikeMongo(String filter, String expected) throws Exception {
        assertEquals(expected, matching(filter));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"$foo\": []}|unknown top-level operator $foo",
        "{\"state\": {\"$like\": \"x\"}}|unknown operator $like on state",
        "{\"$and\": []}|$and must be a non-empty array of filters",
        "{\"$or\": {\"state\": \"x\"}}|$or must be a non-empty array of filters",
        "{\"state\": {\"$in\": \"running\"}}|$in on state takes an array",
        "{\"state\": {\"$exists\": 1}}|$exists on state takes true or false",
        "{\"state\": {\"$regex\": \"(\"}}|invalid $regex on state",
        "{\"state\": {\"$regex\": \"x\", \"$options\": \"q\"}}|unknown $options letter 'q' on state",
        "{\"state\": {\"$options\": \"i\"}}|$options without $regex on state",
        "{\"state\": {\"$eq\": \"x\", \"plain\": 1}}|cannot mix operators and plain keys in the condition on state",
    })
    void rejectsMalformedFilters(String filter, String message) {
        FilterException error = assertThrows(FilterException.class, () -> matching(filter));
        assertEquals(true, error.getMessage().startsWith(message), error.getMessage());
    }

    @Test
    void nullInsideADocumentCountsAsMissing() {
        Map<String, Object> run = new HashMap<>();
        run.put("name", "x");
        run.put("group", null);
        assertEquals(true, RunFilter.compile(Map.of("group", Map.of("$exists", false))).matches(run));
        assertEquals(false, RunFilter.compile(Map.of("group", Map.of("$gte", ""))).matches(run));
    }
}
