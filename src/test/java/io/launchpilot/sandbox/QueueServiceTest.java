package io.launchpilot.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueServiceTest {

    private final Sandbox sandbox = new Sandbox();
    private final ProjectRef launch = new ProjectRef("acme", QueueService.LAUNCH_PROJECT);

    private RunQueue queue(String mode) {
        Map<String, Object> variables = Map.of("cpus", Map.of("schema", Map.of("type", "integer", "default", 1)));
        List<String> problems = sandbox.queues.upsert(launch, "q-" + mode, "kubernetes",
                Map.of("resource_args", Map.of("kubernetes", Map.of("cpu", "{{cpus}}", "image", "base"))), variables, mode,
                null);
        assertEquals(List.of(), problems);
        return sandbox.queues.find(launch, "q-" + mode).orElseThrow();
    }

    @Test
    void pushFillsResourceAndArgumentsFromTheQueueDefaults() {
        RunQueue queue = queue("DISABLED");
        QueueItem item = sandbox.queues.push(queue.id(), Map.of("docker", Map.of("docker_image", "python"),
                "resource_args", Map.of("kubernetes", Map.of("image", "mine"))), null, Map.of("cpus", 3)).item();
        assertEquals("kubernetes", item.runSpec().get("resource"));
        assertEquals(Map.of("kubernetes", Map.of("cpu", 3, "image", "mine")), item.runSpec().get("resource_args"));
        assertEquals(Map.of("cpus", 3), item.templateVariableValues());
        assertEquals(QueueService.DEFAULT_PRIORITY, item.priority());
        assertEquals("PENDING", item.state());
    }

    @Test
    void agentsTakeItemsByPriorityOnV0QueuesAndInOrderOtherwise() {
        RunQueue v0 = queue("V0");
        long low = sandbox.queues.push(v0.id(), Map.of(), 3, Map.of()).item().id();
        long critical = sandbox.queues.push(v0.id(), Map.of(), 0, Map.of()).item().id();
        assertEquals(critical, sandbox.queues.pop(launch, v0.name(), "agent").orElseThrow().id());
        assertEquals(low, sandbox.queues.pop(launch, v0.name(), "agent").orElseThrow().id());
        assertTrue(sandbox.queues.pop(launch, v0.name(), "agent").isEmpty());

        RunQueue fifo = queue("DISABLED");
        long first = sandbox.queues.push(fifo.id(), Map.of(), 3, Map.of()).item().id();
        sandbox.queues.push(fifo.id(), Map.of(), 0, Map.of());
        QueueItem leased = sandbox.queues.pop(launch, fifo.name(), "agent").orElseThrow();
        assertEquals(first, leased.id());
        assertEquals("LEASED", leased.state());
        assertEquals("CLAIMED", sandbox.queues.ack(first, "abcd1234").state());
        assertEquals("abcd1234", sandbox.queues.item(first).orElseThrow().associatedRunId());
    }

    @Test
    void itemPagesFollowTheAgentsOrder() {
        RunQueue v0 = queue("V0");
        for (int i = 0; i < 10; i++) {
            sandbox.queues.push(v0.id(), Map.of("i", i), i % 4, Map.of());
        }
        Page<QueueItem> page = sandbox.queues.items(v0, null, 4);
        List<Integer> priorities = new ArrayList<>(page.nodes().stream().map(QueueItem::priority).toList());
        while (page.hasNextPage()) {
            page = sandbox.queues.items(v0, page.endCursor(), 4);
            priorities.addAll(page.nodes().stream().map(QueueItem::priority).toList());
        }
        assertEquals(List.of(0, 0, 0, 1, 1, 1, 2, 2, 3, 3), priorities);
    }

    @Test
    void refusesWhatWandbRefuses() {
        RunQueue v0 = queue("V0");
        assertEquals("priority must be between 0 (critical) and 3 (low), got 7", assertThrows(SandboxException.class,
                () -> sandbox.queues.push(v0.id(), Map.of(), 7, Map.of())).getMessage());
        assertEquals(SandboxException.Kind.CONFLICT, assertThrows(SandboxException.class,
                () -> sandbox.queues.create(launch, v0.name(), "PROJECT", null, null, null)).kind());
        assertThrows(SandboxException.class,
                () -> sandbox.queues.upsert(launch, v0.name(), "kubernetes", Map.of(), null, "DISABLED", null));
        assertThrows(SandboxException.class, () -> sandbox.queues.create(launch, "x", "EVERYONE", null, null, null));
    }

    @Test
    void deletingAQueueDropsItsItems() {
        RunQueue queue = queue("DISABLED");
        long item = sandbox.queues.push(queue.id(), Map.of(), null, Map.of()).item().id();
        assertTrue(sandbox.queues.delete(List.of(queue.id())));
        assertTrue(sandbox.queues.item(item).isEmpty());
        assertTrue(sandbox.queues.find(launch, queue.name()).isEmpty());
    }
}
