package io.launchpilot.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.QueueRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchScopeTest {

    static WatchConfig scopes(WatchConfig.Scope... scopes) {
        return new WatchHealthCheckTest.Config() {
            @Override
            public Optional<List<Scope>> scopes() {
                return Optional.of(List.of(scopes));
            }
        };
    }

    static WatchConfig.Scope scope(String entity, String project, String filter, List<String> sweeps, List<String> queues) {
        return new WatchConfig.Scope() {
            @Override
            public String entity() {
                return entity;
            }

            @Override
            public String project() {
                return project;
            }

            @Override
            public Optional<String> filter() {
                return Optional.ofNullable(filter);
            }

            @Override
            public Optional<List<String>> sweeps() {
                return Optional.ofNullable(sweeps);
            }

            @Override
            public Optional<List<String>> queues() {
                return Optional.ofNullable(queues);
            }
        };
    }

    @Test
    void readsScopesWithSweepsAndQueuesOfTheEntity() {
        List<WatchScope> scopes = WatchScope.of(scopes(
                scope("acme", "vision", "{\"state\": {\"$ne\": \"killed\"}}", List.of("*"), List.of("gpu")),
                scope("acme", "nlp", null, List.of("s1", "s2"), null)));
        WatchScope vision = scopes.get(0);
        assertEquals(new ProjectRef("acme", "vision"), vision.project());
        assertEquals("{\"state\": {\"$ne\": \"killed\"}}", vision.filter());
        assertTrue(vision.allSweeps());
        assertEquals(List.of(new QueueRef("acme", "gpu")), vision.queues());
        WatchScope nlp = scopes.get(1);
        assertEquals("{}", nlp.filter());
        assertEquals(List.of("s1", "s2"), nlp.sweeps());
        assertEquals(List.of(), nlp.queues());
    }

    @Test
    void aBadScopeIsRefusedNamingItsEntry() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> WatchScope.of(scopes(
                scope("acme", "vision", null, null, null), scope("acme", "nlp", "{state", null, null))));
        assertTrue(notJson.getMessage().startsWith("launchpilot.watch.scopes[1]: filter of acme/nlp is not JSON"),
                notJson.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                () -> WatchScope.of(scopes(scope("acme", "vision", "[1]", null, null))));
        assertTrue(array.getMessage().contains("must be a JSON object"), array.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WatchScope.of(scopes(scope("acme", "a/b", null, null, null))));
    }

    @Test
    void changedSummaryKeysIncludeRemovedOnes() {
        assertEquals(List.of("acc", "gone", "loss"), List.copyOf(ProjectWatch.changedKeys(
                Map.of("loss", "1.0", "gone", "2", "same", "3"),
                Map.of("loss", "0.5", "acc", "0.9", "same", "3"))));
    }

    @Test
    void fingerprintsLeaveOutBookkeepingAndShortenBigValues() {
        Map<String, String> fingerprint = Snapshots.fingerprint(Map.of("_step", 3, "loss", 0.5,
                "histogram", Map.of("bins", java.util.stream.IntStream.range(0, 64).boxed().toList())));
        assertEquals(Map.of("loss", "0.5", "histogram", fingerprint.get("histogram")), fingerprint);
        assertTrue(fingerprint.get("histogram").startsWith("sha256:"));
    }
}
