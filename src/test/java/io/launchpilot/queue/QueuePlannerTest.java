package io.launchpilot.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.queue.FieldChange.Kind;
import io.launchpilot.queue.QueueChange.Action;
import io.launchpilot.wandb.DefaultResourceConfig;
import io.launchpilot.wandb.EntityRunQueues;
import io.launchpilot.wandb.ExternalLink;
import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueueSpec;
import io.launchpilot.wandb.RunQueue;
import io.launchpilot.wandb.TemplateVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Diffing specs against live queues, without W&B: the live side is built as W&B's answer would map. */
class QueuePlannerTest {

    private final QueueSpecLoader loader = new QueueSpecLoader(java.nio.file.Path.of("config/queues"), Optional.empty());

    private QueueDefinition spec(String text) {
        return loader.parse("q.yaml", text).queues().get(0);
    }

    private QueueDefinition gpu() {
        return spec(QueueSpecParserTest.VALID);
    }

    /** The queue W&B would hold after applying the spec (what upsertRunQueue stores). */
    static RunQueue applied(QueueDefinition spec) {
        QueueSpec sent = QueuePlanner.toWandb(spec);
        return live(spec.ref(), sent.resourceType(), sent.resourceConfig(), sent.templateVariables(),
                sent.prioritizationMode(), sent.externalLinks());
    }

    static RunQueue live(QueueRef ref, String type, Map<String, Object> config, List<TemplateVariable> variables,
            PrioritizationMode mode, List<ExternalLink> links) {
        return new RunQueue("id-" + ref.name(), ref, "PROJECT", "me", mode, links, null, null,
                new DefaultResourceConfig("rc", type, Map.of("resource_args", Map.of(type, config)), variables), List.of());
    }

    private static List<EntityRunQueues> entity(RunQueue... queues) {
        return List.of(new EntityRunQueues("acme", true, List.of(queues)));
    }

    @Test
    void aMissingQueueIsCreated() {
        QueuePlan plan = QueuePlanner.plan(List.of(gpu()), List.of(new EntityRunQueues("acme", false, List.of())),
                false, false);
        assertEquals(Action.CREATE, plan.changes().get(0).action());
        assertTrue(plan.hasChanges());
    }

    @Test
    void anAppliedQueueIsUnchanged() {
        QueuePlan plan = QueuePlanner.plan(List.of(gpu()), entity(applied(gpu())), false, false);
        assertEquals(Action.UNCHANGED, plan.changes().get(0).action());
        assertFalse(plan.hasChanges());
    }

    @Test
    void numbersAndKeyOrderAsWandbReturnsThemAreTheSame() {
        RunQueue live = applied(gpu());
        // W&B hands numbers back as JSON: 1 may come as 1.0, and keys in any order
        List<TemplateVariable> variables = List.of(new TemplateVariable("gpus", "GPUs per run",
                Map.of("maximum", 8.0, "minimum", 1, "default", 1L, "type", "integer")));
        RunQueue reordered = live(live.ref(), "kubernetes",
                Map.of("args", List.of("--epochs", 3.0, Map.of("lr", 0.50)), "gpus", "{{gpus}}", "namespace", "ml"),
                variables, PrioritizationMode.V0, live.externalLinks());
        assertEquals(Action.UNCHANGED, QueuePlanner.plan(List.of(gpu()), entity(reordered), false, false)
                .changes().get(0).action());
    }

    @Test
    void anUpdateListsEachChangedField() {
        RunQueue old = applied(spec(QueueSpecParserTest.VALID
                .replace("namespace: ml", "namespace: research")
                .replace("maximum: 8", "maximum: 4")
                .replace("    dashboard: https://grafana.example/d/launch",
                        "    runbook: https://wiki.example/launch")));
        QueueChange change = QueuePlanner.plan(List.of(gpu()), entity(old), false, false).changes().get(0);
        assertEquals(Action.UPDATE, change.action());
        assertFalse(change.drift(), "the spec changed, W&B did not");
        assertEquals(List.of(
                new FieldChange("config.namespace", Kind.CHANGED, "research", "ml"),
                new FieldChange("templateVariables.gpus.schema.maximum", Kind.CHANGED, 4, 8),
                new FieldChange("externalLinks.dashboard", Kind.ADDED, null, "https://grafana.example/d/launch"),
                new FieldChange("externalLinks.runbook", Kind.REMOVED, "https://wiki.example/launch", null)),
                change.fields());
    }

    @Test
    void aHandMadeChangeToAManagedQueueIsDrift() {
        RunQueue applied = applied(gpu());
        RunQueue edited = live(applied.ref(), "kubernetes", Map.of("namespace", "ml"),
                applied.defaultResourceConfig().templateVariables(), PrioritizationMode.V0, applied.externalLinks());
        QueueChange change = QueuePlanner.plan(List.of(gpu()), entity(edited), false, false).changes().get(0);
        assertEquals(Action.UPDATE, change.action());
        assertTrue(change.drift());
        assertEquals(List.of("config.gpus", "config.args"), change.fields().stream().map(FieldChange::field).toList());
    }

    @Test
    void anUnmarkedQueueWithTheSameSettingsIsAdopted() {
        RunQueue applied = applied(gpu());
        List<ExternalLink> links = new ArrayList<>(applied.externalLinks());
        links.removeIf(link -> link.label().equals(ManagedMarker.LABEL));
        RunQueue unmarked = live(applied.ref(), "kubernetes", applied.defaultResourceConfig().resourceArgs(),
                applied.defaultResourceConfig().templateVariables(), PrioritizationMode.V0, links);
        QueueChange change = QueuePlanner.plan(List.of(gpu()), entity(unmarked), false, false).changes().get(0);
        assertEquals(Action.UPDATE, change.action());
        assertEquals("externalLinks.managed-by", change.fields().get(0).field());
        assertEquals(Kind.ADDED, change.fields().get(0).change());
    }

    @Test
    void v0CannotGoBackToDisabled() {
        QueueDefinition disabled = spec(QueueSpecParserTest.VALID.replace("prioritization: V0", "prioritization: DISABLED"));
        QueuePlan plan = QueuePlanner.plan(List.of(disabled), entity(applied(gpu())), false, false);
        QueueChange change = plan.changes().get(0);
        assertEquals(Action.REFUSED, change.action());
        assertEquals("q.yaml:8:19", change.position().toString());
        assertTrue(change.reason().contains("V0"), change.reason());
        assertEquals(List.of(new FieldChange("prioritization", Kind.CHANGED, "V0", "DISABLED")), change.fields());
        assertEquals(1, plan.refused().size());

        QueueDefinition omitted = spec(QueueSpecParserTest.VALID.replace("  prioritization: V0\n", ""));
        QueueChange byDefault = QueuePlanner.plan(List.of(omitted), entity(applied(gpu())), false, false)
                .changes().get(0);
        assertEquals(Action.REFUSED, byDefault.action());
        assertEquals("q.yaml:4:9", byDefault.position().toString());
        assertTrue(byDefault.reason().contains("default"), byDefault.reason());
    }

    @Test
    void disabledMayBecomeV0() {
        RunQueue disabled = applied(spec(QueueSpecParserTest.VALID.replace("prioritization: V0", "prioritization: DISABLED")));
        QueueChange change = QueuePlanner.plan(List.of(gpu()), entity(disabled), false, false).changes().get(0);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(new FieldChange("prioritization", Kind.CHANGED, "DISABLED", "V0")), change.fields());
    }

    @Test
    void queuesNoSpecNamesAreUnmanagedOrphanedOrDeleted() {
        RunQueue handMade = live(new QueueRef("acme", "by-hand"), "local-process", Map.of(), List.of(),
                PrioritizationMode.DISABLED, List.of());
        RunQueue managed = applied(spec(QueueSpecParserTest.VALID.replace("gpu-a100", "old-queue")));
        List<EntityRunQueues> live = entity(applied(gpu()), handMade, managed);

        QueuePlan kept = QueuePlanner.plan(List.of(gpu()), live, false, false);
        assertEquals(List.of(Action.UNCHANGED, Action.UNMANAGED, Action.ORPHANED),
                kept.changes().stream().map(QueueChange::action).toList());
        assertFalse(kept.hasChanges());

        QueuePlan pruned = QueuePlanner.plan(List.of(gpu()), live, true, false);
        assertEquals(List.of(Action.UNCHANGED, Action.UNMANAGED, Action.DELETE),
                pruned.changes().stream().map(QueueChange::action).toList());
        assertEquals("id-old-queue", pruned.with(Action.DELETE).get(0).liveId());

        assertEquals(1, QueuePlanner.plan(List.of(gpu()), live, true, true).changes().size());
    }

    @Test
    void theDigestFollowsTheSettingsOnly() {
        QueueDefinition moved = loader.parse("other.yaml", "\n\n" + QueueSpecParserTest.VALID).queues().get(0);
        assertEquals(QueuePlanner.digest(gpu()), QueuePlanner.digest(moved));
        assertFalse(QueuePlanner.digest(gpu()).equals(QueuePlanner.digest(
                spec(QueueSpecParserTest.VALID.replace("namespace: ml", "namespace: ml2")))));
        QueueSpec sent = QueuePlanner.toWandb(gpu());
        assertEquals(ManagedMarker.URL_PREFIX + QueuePlanner.digest(gpu()),
                sent.externalLinks().get(sent.externalLinks().size() - 1).url());
    }
}
