package io.launchpilot.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.spec.SpecProblem;
import io.launchpilot.store.Leadership;
import io.launchpilot.store.Store;
import io.launchpilot.store.StoreMigration;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: a valid change replaces the running set as a whole, an invalid one keeps it. */
@QuarkusTest
class PolicyReloadTest {

    @Inject
    Store store;
    @Inject
    Instance<Firings> firings;
    @Inject
    Subjects subjects;
    @Inject
    PoliciesConfig config;
    @Inject
    Leadership leadership;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry meters;
    @Inject
    StoreMigration migration;

    @TempDir
    Path dir;

    @Test
    void aValidChangeReplacesTheSetAndAnInvalidOneKeepsIt() throws Exception {
        PolicyEngine engine = new PolicyEngine(store, firings, subjects, new PolicyLoader(dir), config, leadership,
                clock, meters, migration, Optional.of("serve"));
        write("a.yaml", policy("first"));
        assertTrue(engine.reload());
        assertEquals(List.of("first"), names(engine));
        assertFalse(engine.reload(), "nothing changed");

        write("a.yaml", policy("first") + "---\n" + policy("second"));
        assertTrue(engine.reload());
        assertEquals(List.of("first", "second"), names(engine));

        write("b.yaml", policy("third").replace("tagRun", "tagRunn"));
        assertFalse(engine.reload());
        assertEquals(List.of("first", "second"), names(engine), "the running set stays");
        assertEquals(List.of(dir.resolve("b.yaml") + ":7:5: unknown action \"tagRunn\"; did you mean tagRun?"),
                engine.rejected().stream().map(SpecProblem::toString).toList());

        write("b.yaml", policy("first"));
        assertFalse(engine.reload(), "a duplicate name is rejected too");
        assertEquals(List.of("first", "second"), names(engine));

        Files.delete(dir.resolve("b.yaml"));
        write("a.yaml", policy("only"));
        assertTrue(engine.reload());
        assertEquals(List.of("only"), names(engine));
        assertEquals(List.of(), engine.rejected());
    }

    private static List<String> names(PolicyEngine engine) {
        return engine.policies().policies().stream().map(Policy::name).toList();
    }

    private void write(String file, String text) throws Exception {
        Path path = dir.resolve(file);
        Files.writeString(path, text);
        // the folder's fingerprint holds sizes and times; a rewrite within the same millisecond still counts
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(Files.exists(path) ? text.length() : 0)));
    }

    private static String policy(String name) {
        return """
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: %s }
                spec:
                  on: [ { event: run.state_changed } ]
                  do:
                  - tagRun: { add: [x] }
                """.formatted(name);
    }
}
