package io.launchpilot.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOrderTest {

    /** Runs a..e created in that order; b and c share a creation instant. */
    private static final List<Map<String, Object>> RUNS = List.of(
            run("a", "2024-01-01T00:00:00Z", "2024-01-05T00:00:00Z", 0.1, 0.5, Map.of("acc", 0.7)),
            run("c", "2024-01-02T00:00:00Z", null, 0.01, 0.9, Map.of("acc", 0.9)),
            run("b", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z", 0.1, null, Map.of()),
            run("d", "2024-01-03T00:00:00Z", "2024-01-04T00:00:00Z", "auto", 0.7, Map.of("acc", 0.8)),
            run("e", "2024-01-04T00:00:00Z", "2024-01-06T00:00:00Z", null, 0.5, Map.of("acc", 0.9)));

    private static Map<String, Object> run(String name, String createdAt, String heartbeatAt,
                                           Object lr, Double valAcc, Map<String, Object> nested) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("createdAt", Instant.parse(createdAt));
        if (heartbeatAt != null) {
            doc.put("heartbeatAt", Instant.parse(heartbeatAt));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        if (lr != null) {
            config.put("lr", Map.of("value", lr));
        }
        doc.put("config", config);
        Map<String, Object> summary = new LinkedHashMap<>();
        if (valAcc != null) {
            summary.put("val_acc", valAcc);
        }
        summary.put("eval", nested);
        doc.put("summary_metrics", summary);
        return doc;
    }

    private static String sorted(String order) {
        StringBuilder names = new StringBuilder();
        RUNS.stream().sorted(RunOrder.parse(order).comparator()).forEach(r -> names.append(r.get("name")));
        return names.toString();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // default and created_at: ties on createdAt broken by name
        "''|abcde",
        "+created_at|abcde",
        "created_at|abcde",
        "createdAt|abcde",
        "-created_at|edcba",
        "-createdAt|edcba",
        // heartbeat: c has none and sorts first ascending, last descending
        "+heartbeat_at|cbdae",
        "-heartbeatAt|eadbc",
        // config values: missing < numbers < strings; equal numbers tie-break by createdAt
        "+config.lr.value|ecabd",
        "-config.lr.value|dbace",
        "+config.lr|ecabd",
        // summary metrics, plain and nested
        "+summary_metrics.val_acc|baedc",
        "-summary_metrics.val_acc|cdeab",
        "-summary_metrics.eval.acc|ecdab",
    })
    void ordersLikeWandb(String order, String expected) {
        assertEquals(expected, sorted(order));
    }

    @Test
    void descendingIsTheExactReverseOfAscending() {
        for (String key : List.of("created_at", "heartbeat_at", "config.lr.value", "summary_metrics.val_acc")) {
            String up = sorted("+" + key);
            assertEquals(new StringBuilder(up).reverse().toString(), sorted("-" + key), key);
        }
    }

    @Test
    void sortKeysCompareLikeTheirDocuments() {
        RunOrder order = RunOrder.parse("-summary_metrics.val_acc");
        for (Map<String, Object> a : RUNS) {
            for (Map<String, Object> b : RUNS) {
                assertEquals(Integer.signum(order.comparator().compare(a, b)),
                        Integer.signum(order.compare(order.sortKey(a), order.sortKey(b))));
            }
        }
        assertEquals(null, order.sortKey(RUNS.get(2)).value());
        assertEquals(0.9, order.sortKey(RUNS.get(1)).value());
    }

    @Test
    void rejectsEmptyKeys() {
        assertThrows(FilterException.class, () -> RunOrder.parse("+"));
        assertThrows(FilterException.class, () -> RunOrder.parse("-config."));
        assertEquals("-summary_metrics.loss", RunOrder.parse(" -summary_metrics.loss ").toString());
    }
}
