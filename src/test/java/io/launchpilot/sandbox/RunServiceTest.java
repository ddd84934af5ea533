package io.launchpilot.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.filter.RunFilter;
import io.launchpilot.filter.RunOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunServiceTest {

    private final Sandbox sandbox = new Sandbox();
    private final ProjectRef project = new ProjectRef("acme", "p");

    private Run create(String state, Map<String, Object> summary) {
        return sandbox.runs.create(new RunService.NewRun(project, null, null, state, Map.of(), summary, List.of(),
                null, null, null, null, null, null, false));
    }

    @Test
    void runsCreatedInOneClockTickStillGetIncreasingCreationTimes() {
        Run first = create("running", Map.of());
        Run second = create("running", Map.of());
        assertTrue(second.createdAt().isAfter(first.createdAt()));
        assertEquals(8, first.ref().name().length());
        assertTrue(first.ref().name().matches("[a-z0-9]{8}"));
    }

    @Test
    void pagingResumesAfterTheCursorEvenWhenRunsAreAddedBetweenPages() {
        for (int i = 0; i < 30; i++) {
            create("finished", Map.of("m", i % 4));
        }
        RunOrder order = RunOrder.parse("-summary_metrics.m");
        List<String> seen = new ArrayList<>();
        Page<Run> page = sandbox.runs.page(project, RunFilter.all(), order, null, 7);
        seen.addAll(page.nodes().stream().map(r -> r.ref().name()).toList());
        Run added = create("finished", Map.of("m", -1));
        while (page.hasNextPage()) {
            page = sandbox.runs.page(project, RunFilter.all(), order, page.endCursor(), 7);
            seen.addAll(page.nodes().stream().map(r -> r.ref().name()).toList());
        }
        assertEquals(31, seen.size());
        assertEquals(31, new HashSet<>(seen).size());
        assertEquals(added.ref().name(), seen.get(30));
    }

    @Test
    void firstIsCappedAndMustNotBeNegative() {
        for (int i = 0; i < 3; i++) {
            create("finished", Map.of());
        }
        assertEquals(3, sandbox.runs.page(project, RunFilter.all(), RunOrder.parse(null), null, 5000).edges().size());
        Page<Run> empty = sandbox.runs.page(project, RunFilter.all(), RunOrder.parse(null), null, 0);
        assertTrue(empty.edges().isEmpty());
        assertTrue(empty.hasNextPage());
        assertThrows(SandboxException.class,
                () -> sandbox.runs.page(project, RunFilter.all(), RunOrder.parse(null), null, -1));
        assertThrows(SandboxException.class,
                () -> sandbox.runs.page(project, RunFilter.all(), RunOrder.parse(null), "not-a-cursor", 5));
    }

    @Test
    void stateChangesFollowWandbRules() {
        Run run = create("running", Map.of());
        sandbox.runs.changeState(run.ref(), "failed");
        assertEquals("failed", sandbox.runs.get(run.ref()).state());
        sandbox.runs.changeState(run.ref(), "pending");
        assertEquals("pending", sandbox.runs.get(run.ref()).state());
        SandboxException refused = assertThrows(SandboxException.class, () -> sandbox.runs.changeState(run.ref(), "finished"));
        assertEquals("runs can only be set to pending or failed, not finished", refused.getMessage());
        Run done = create("finished", Map.of());
        assertThrows(SandboxException.class, () -> sandbox.runs.changeState(done.ref(), "pending"));
        assertThrows(SandboxException.class, () -> create("sleeping", Map.of()));

        sandbox.runs.stop(done.ref());
        assertEquals("finished", sandbox.runs.get(done.ref()).state());
        Run live = create("running", Map.of());
        sandbox.runs.stop(live.ref());
        assertEquals("killed", sandbox.runs.get(live.ref()).state());
    }

    @Test
    void aRunInAMissingSweepIsRefusedAndNamesAreUnique() {
        assertThrows(SandboxException.class, () -> sandbox.runs.create(new RunService.NewRun(project, null, null, null,
                Map.of(), Map.of(), List.of(), null, null, "nosweep", null, null, null, false)));
        Run run = sandbox.runs.create(new RunService.NewRun(project, "fixed123", null, null, Map.of(), Map.of(),
                List.of(), null, null, null, null, null, null, false));
        SandboxException conflict = assertThrows(SandboxException.class, () -> sandbox.runs.create(new RunService.NewRun(
                project, "fixed123", null, null, Map.of(), Map.of(), List.of(), null, null, null, null, null, null, false)));
        assertEquals(SandboxException.Kind.CONFLICT, conflict.kind());
        assertFalse(run.displayName().isBlank());
    }
}
