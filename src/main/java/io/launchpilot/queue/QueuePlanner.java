package io.launchpilot.queue;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Diffs queue specs against the queues W&B holds: pure, so that every case is a plain unit test.
 * Both sides are brought to the same shape first ({@link State}): the resource, its config, the
 * template variables by name, the prioritization and the external links by label, without the
 * {@link ManagedMarker}, whose digest records the spec last applied.
 */
public final class QueuePlanner {

    /** A queue's settings in the one shape both a spec and W&B's answer are compared in. */
    record State(String resource, String prioritization, Map<String, Object> config,
            Map<String, Object> templateVariables, Map<String, Object> externalLinks) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("resource", resource);
            map.put("prioritization", prioritization);
            map.put("config", config);
            map.put("templateVariables", templateVariables);
            map.put("externalLinks", externalLinks);
            return map;
        }
    }

    private static final Object ABSENT = new Object();

    private QueuePlanner() {
    }

    /**
     * The plan for {@code specs} against the live queues of their entities (and of any other entity
     * read). Queues no spec names are listed as unmanaged, or, when Launchpilot manages them, as
     * orphaned ({@code prune} false) or to delete ({@code prune} true).
     *
     * @param onlySpecs true to leave queues no spec names out of the plan altogether
     */
    public static QueuePlan plan(List<QueueDefinition> specs, List<EntityRunQueues> live, boolean prune,
            boolean onlySpecs) {
        Map<QueueRef, RunQueue> byRef = new LinkedHashMap<>();
        live.forEach(entity -> entity.queues().forEach(queue -> byRef.put(queue.ref(), queue)));
        List<QueueChange> changes = new ArrayList<>();
        Set<QueueRef> named = new LinkedHashSet<>();
        for (QueueDefinition spec : specs) {
            named.add(spec.ref());
            changes.add(change(spec, byRef.get(spec.ref())));
        }
        if (!onlySpecs) {
            byRef.values().stream()
                    .filter(queue -> !named.contains(queue.ref()))
                    .sorted(Comparator.comparing((RunQueue queue) -> queue.ref().path()))
                    .forEach(queue -> changes.add(leftOver(queue, prune)));
        }
        return new QueuePlan(changes);
    }

    /** What to do with one spec given the queue of that name in W&B, if any. */
    static QueueChange change(QueueDefinition spec, RunQueue live) {
        if (live == null) {
            return new QueueChange(Action.CREATE, spec.ref(), List.of(), null, false, spec.position(), spec, null);
        }
        State desired = desired(spec);
        List<FieldChange> fields = diff(live(live), desired);
        if (live.prioritizationMode() == PrioritizationMode.V0 && spec.prioritization() == PrioritizationMode.DISABLED) {
            return new QueueChange(Action.REFUSED, spec.ref(), fields,
                    "W&B cannot take a queue from V0 prioritization back to DISABLED"
                            + (spec.prioritizationPosition() == null ? " (DISABLED is the default when"
                                    + " spec.prioritization is left out)" : "")
                            + "; keep prioritization: V0, or delete the queue and create it anew",
                    false, spec.prioritizationOrQueuePosition(), spec, live.id());
        }
        String digest = digest(spec);
        Optional<String> applied = ManagedMarker.digest(live);
        boolean drift = !fields.isEmpty() && applied.isPresent() && applied.get().equals(digest);
        if (fields.isEmpty()) {
            Optional<String> marker = ManagedMarker.url(live);
            String wanted = ManagedMarker.link(digest).url();
            if (marker.isEmpty() || !marker.get().equals(wanted)) {
                // same settings, but not (or differently) marked: adopt it, so that it is known as managed
                fields = List.of(marker.isEmpty()
                        ? new FieldChange("externalLinks." + ManagedMarker.LABEL, Kind.ADDED, null, wanted)
                        : new FieldChange("externalLinks." + ManagedMarker.LABEL, Kind.CHANGED, marker.get(), wanted));
            }
        }
        Action action = fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE;
        return new QueueChange(action, spec.ref(), fields, null, drift, spec.position(), spec, live.id());
    }

    private static QueueChange leftOver(RunQueue queue, boolean prune) {
        if (!ManagedMarker.present(queue)) {
            return new QueueChange(Action.UNMANAGED, queue.ref(), List.of(),
                    "not in the specs and not managed by Launchpilot: left alone", false, null, null, queue.id());
        }
        return prune
                ? new QueueChange(Action.DELETE, queue.ref(), List.of(),
                        "managed by Launchpilot and no longer in the specs", false, null, null, queue.id())
                : new QueueChange(Action.ORPHANED, queue.ref(), List.of(),
                        "managed by Launchpilot and no longer in the specs; --prune deletes it", false, null, null,
                        queue.id());
    }

    /** What W&B is sent for a spec: its settings plus the marker with the spec's digest. */
    public static QueueSpec toWandb(QueueDefinition spec) {
        List<io.launchpilot.wandb.TemplateVariable> variables = new ArrayList<>();
        spec.templateVariables().forEach(variable -> variables.add(
                new TemplateVariable(variable.name(), variable.description(), variable.schema())));
        List<ExternalLink> links = new ArrayList<>();
        spec.externalLinks().forEach((label, url) -> links.add(new ExternalLink(label, url)));
        links.add(ManagedMarker.link(digest(spec)));
        return new QueueSpec(spec.ref(), spec.resource(), spec.config(), variables, spec.prioritization(), links);
    }

    /** The digest the marker records: of the spec's settings, so that it changes exactly when they do. */
    static String digest(QueueDefinition spec) {
        return Canonical.digest(desired(spec).asMap());
    }

    static State desired(QueueDefinition spec) {
        Map<String, Object> variables = new LinkedHashMap<>();
        spec.templateVariables().forEach(variable -> variables.put(variable.name(),
                variable(variable.description(), variable.schema())));
        return new State(spec.resource(), spec.prioritization().name(), spec.config(), variables,
                new LinkedHashMap<>(spec.externalLinks()));
    }

    static State live(RunQueue queue) {
        DefaultResourceConfig config = queue.defaultResourceConfig();
        Map<String, Object> variables = new LinkedHashMap<>();
        if (config != null) {
            for (TemplateVariable variable : config.templateVariables()) {
                variables.put(variable.name(), variable(variable.description(), variable.schema()));
            }
        }
        Map<String, Object> links = new LinkedHashMap<>();
        queue.externalLinks().stream()
                .filter(link -> !ManagedMarker.LABEL.equals(link.label()))
                .forEach(link -> links.put(link.label(), link.url()));
        return new State(config == null ? null : config.resourceType(), queue.prioritizationMode().name(),
                config == null ? Map.of() : config.resourceArgs(), variables, links);
    }

    private static Map<String, Object> variable(String description, Map<String, Object> schema) {
        Map<String, Object> variable = new LinkedHashMap<>();
        if (description != null && !description.isEmpty()) {
            variable.put("description", description);
        }
        variable.put("schema", schema);
        return variable;
    }

    static List<FieldChange> diff(State live, State desired) {
        List<FieldChange> changes = new ArrayList<>();
        diff("resource", live.resource(), desired.resource(), changes);
        diff("prioritization", live.prioritization(), desired.prioritization(), changes);
        diff("config", live.config(), desired.config(), changes);
        diff("templateVariables", live.templateVariables(), desired.templateVariables(), changes);
        diff("externalLinks", live.externalLinks(), desired.externalLinks(), changes);
        return changes;
    }

    /** Walks maps key by key down to the values that differ; lists and scalars differ as a whole. */
    private static void diff(String path, Object before, Object after, List<FieldChange> out) {
        if (before != ABSENT && after != ABSENT && Canonical.same(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> old && after instanceof Map<?, ?> now) {
            Set<Object> keys = new LinkedHashSet<>(now.keySet());
            keys.addAll(old.keySet());
            for (Object key : keys) {
                diff(path + "." + key, old.containsKey(key) ? old.get(key) : ABSENT,
                        now.containsKey(key) ? now.get(key) : ABSENT, out);
            }
            return;
        }
        if (before == ABSENT) {
            out.add(new FieldChange(path, Kind.ADDED, null, after));
        } else if (after == ABSENT) {
            out.add(new FieldChange(path, Kind.REMOVED, before, null));
        } else {
            out.add(new FieldChange(path, Kind.CHANGED, before, after));
        }
    }
}
