package io.launchpilot.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.launchpilot.spec.Position;
import io.launchpilot.store.Event;
import io.launchpilot.wandb.Run;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a valid fixture becomes: values keep the types the YAML gives them, defaults fill the rest. */
class FixtureTest {

    @Test
    void valuesKeepTheirYamlTypes() {
        Fixture fixture = Fixture.parse("f.yaml", """
                runs:
                  - path: acme/vision/r1
                    config: { lr: 0.01, epochs: 3, augment: true, optimizer: adam, layers: [64, 32] }
                    summary: { val_acc: 0.95, best: { epoch: 2 } }
                    tags: [baseline, "2026"]
                    createdAt: 2026-01-01T00:00:00Z
                  - { path: acme/vision/r2 }
                sweeps:
                  - { path: acme/vision/s1, config: { metric: { name: val_acc, goal: maximize } } }
                events:
                  - { type: run.state_changed, subject: acme/vision/r1, payload: { run: r1, to: finished, step: 7 } }
                  - { type: run.created, subject: acme/vision/r2, at: "2026-01-01T10:00:00Z", source: watcher }
                ticks:
                  - { at: "2026-01-02T02:00:00Z", policy: nightly }
                """);
        Run r1 = fixture.runs().get("acme/vision/r1");
        assertEquals(Map.of("lr", 0.01, "epochs", 3, "augment", true, "optimizer", "adam", "layers", List.of(64, 32)),
                r1.config());
        assertEquals(Map.of("val_acc", 0.95, "best", Map.of("epoch", 2)), r1.summary());
        assertEquals(List.of("baseline", "2026"), r1.tags());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), r1.createdAt());

        Run r2 = fixture.runs().get("acme/vision/r2");
        assertEquals("finished", r2.state());
        assertEquals("r2", r2.displayName());
        assertEquals(List.of(), r2.tags());
        assertEquals("FINISHED", fixture.sweeps().get("acme/vision/s1").state());
        assertEquals("val_acc", fixture.sweeps().get("acme/vision/s1").metricName());

        Event first = fixture.events().get(0);
        assertEquals(7, first.payload().path("step").intValue());
        assertEquals("finished", first.payload().path("to").textValue());
        assertEquals("fixture", first.source());
        assertEquals(Instant.EPOCH.plusSeconds(1), first.observedAt());
        Event second = fixture.events().get(1);
        assertEquals("watcher", second.source());
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), second.observedAt());

        assertEquals(List.of(new Fixture.Tick(Instant.parse("2026-01-02T02:00:00Z"), "nightly",
                new Position("f.yaml", 14, 5))), fixture.ticks());
        assertNull(fixture.expect(), "no expect: only print what fires");
    }
}
