package io.launchpilot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventRetentionJobTest {

    static final Instant NOW = Instant.parse("2030-02-01T00:00:00Z");

    @Test
    void deletesEventsOlderThanTheRetentionAndKeepsAllWhenItIsZero() {
        Store store = new Store(TestDatabases.migrated(TestDatabases.h2()));
        for (Instant at : List.of(NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(31)), NOW.minus(Duration.ofDays(2)))) {
            store.transaction(tx -> tx.append(List.of(new NewEvent("run.created", "a/b/r", "test",
                    new ObjectMapper().createObjectNode())), at));
        }
        EventRetentionJob job = new EventRetentionJob(store, null, Clock.fixed(NOW, ZoneOffset.UTC), new Leadership(),
                Optional.of("serve"));

        assertEquals(0, job.expire(Duration.ZERO));
        assertEquals(2, job.expire(Duration.ofDays(30)));
        assertEquals(1, store.events(EventQuery.after(null, 10)).items().size());
    }
}
