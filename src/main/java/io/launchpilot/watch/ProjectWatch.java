package io.launchpilot.watch;

import static io.launchpilot.watch.Snapshots.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.NewEvent;
import io.launchpilot.watch.Snapshots.ProjectPosition;
import io.launchpilot.watch.Snapshots.RunSnapshot;
import io.launchpilot.watch.Snapshots.SweepSnapshot;
import io.launchpilot.wandb.Page;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunFields;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.Sweep;
import io.launchpilot.wandb.SweepRef;
import io.launchpilot.wandb.WandbBatch;
import io.launchpilot.wandb.WandbBatch.Part;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One poll of a project: its runs (and the sweeps it follows) compared with what was seen before.
 *
 * <p>Runs are read newest heartbeat first ({@code -heartbeat_at}, an order W&B documents) with their
 * summary, stopping at the position's floor: only runs that heart-beat since the last poll come back,
 * plus a short window before it for writes that became visible late and for changes within the same
 * second (W&B's times have second precision). W&B marks a run {@code crashed} when its heartbeats stop,
 * without a new heartbeat, so the runs last seen running (or pending, preempting) are asked for again
 * by name, in the same request, filtered to those whose state is no longer the one seen: nothing comes
 * back while nothing changed. New runs are read once more in full, for their config. Sweeps are read
 * without their config, which is read once per new sweep; the best run of a sweep (by its metric and
 * goal) is looked up only when one of its runs or its {@code bestLoss} changed.
 *
 * <p>The first poll of a project records a baseline: every run and followed sweep as it is, with no
 * event.
 */
final class ProjectWatch implements Watch {

    static final String RUN = "run/";
    static final String SWEEP = "sweep/";
    /** Names asked for in one {@code $in} filter. */
    static final int NAMES_PER_READ = 100;
    /**
     * The smallest first page: after a quiet spell, a few runs changing at once in a project still
     * come back in the first request.
     */
    static final int MIN_FIRST_PAGE = 5;
    private static final Set<String> ACTIVE_STATES = Set.of("running", "pending", "preempting");

    private final WatchScope scope;
    private final ProjectRef project;
    private final Duration overlap;
    private final int pageSize;
    private final Instant now;
    private final ScopeState state;
    private final ProjectPosition position;
    private final boolean baseline;
    private final Map<String, RunSnapshot> runs = new HashMap<>();
    private final Map<String, SweepSnapshot> sweeps = new HashMap<>();

    private final List<Runnable> receivers = new ArrayList<>();
    private boolean missing;

    private boolean probing;
    private Instant probed;
    private boolean paging = true;
    private boolean firstPage = true;
    private String pageCursor;
    private final Map<String, Run> read = new LinkedHashMap<>();
    private boolean recheckPending;
    private final Map<String, Run> rechecked = new HashMap<>();
    private final Set<String> fullPending = new LinkedHashSet<>();
    private final Map<String, Run> full = new HashMap<>();

    private boolean sweepPaging;
    private String sweepCursor;
    private boolean namedSweepsPending;
    private final Map<String, Sweep> sweepsRead = new LinkedHashMap<>();
    private final Set<String> configPending = new LinkedHashSet<>();
    private final Map<String, Sweep> configs = new HashMap<>();
    private boolean bestPlanned;
    private final Set<String> bestPending = new LinkedHashSet<>();
    private final Map<String, Optional<Run>> best = new HashMap<>();

    ProjectWatch(WatchScope scope, ScopeState state, Duration overlap, int pageSize, Instant now) {
        this.scope = scope;
        this.project = scope.project();
        this.overlap = overlap;
        this.pageSize = pageSize;
        this.now = now;
        this.state = state;
        this.baseline = state.cursor().version() == 0;
        this.position = baseline ? null : Snapshots.read(state.cursor().position(), ProjectPosition.class);
        state.snapshots().forEach((subject, json) -> {
            if (subject.startsWith(RUN)) {
                runs.put(subject.substring(RUN.length()), Snapshots.read(json, RunSnapshot.class));
            } else if (subject.startsWith(SWEEP)) {
                sweeps.put(subject.substring(SWEEP.length()), Snapshots.read(json, SweepSnapshot.class));
            }
        });
        this.probing = baseline;
        this.recheckPending = !baseline && runs.values().stream().anyMatch(RunSnapshot::active);
        this.sweepPaging = scope.allSweeps();
        this.namedSweepsPending = !scope.sweeps().isEmpty();
    }

    static String scopeOf(ProjectRef project) {
        return "project:" + project.path();
    }

    @Override
    public String scope() {
        return scopeOf(project);
    }

    @Override
    public void request(WandbBatch batch) {
        receivers.clear();
        if (probing) {
            Part<Page<Run>> newest = batch.runs(project, new RunQuery(scope.filter(), "-heartbeat_at", 1), null,
                    RunFields.STATE);
            receivers.add(() -> {
                probing = false;
                probed = orMissing(newest).items().stream().map(Run::heartbeatAt).filter(Objects::nonNull)
                        .findFirst().orElse(null);
            });
        }
        if (paging) {
            RunQuery query = baseline
                    ? new RunQuery(scope.filter(), "+created_at", pageSize)
                    : new RunQuery(scope.filter(), "-heartbeat_at", firstPage ? firstPageSize() : pageSize);
            Part<Page<Run>> page = batch.runs(project, query, pageCursor, RunFields.SUMMARY);
            receivers.add(() -> acceptPage(orMissing(page)));
        }
        if (recheckPending) {
            List<Part<Page<Run>>> parts = new ArrayList<>();
            recheckFilters().forEach(filter ->
                    parts.add(batch.runs(project, new RunQuery(filter.filter(), null, filter.size()), null, RunFields.STATE)));
            receivers.add(() -> {
                recheckPending = false;
                for (Part<Page<Run>> part : parts) {
                    orMissing(part).items().forEach(run -> rechecked.put(run.ref().name(), run));
                }
            });
        }
        if (!fullPending.isEmpty()) {
            List<String> names = List.copyOf(fullPending);
            List<Part<Page<Run>>> parts = new ArrayList<>();
            for (List<String> chunk : chunks(names)) {
                parts.add(batch.runs(project, new RunQuery(byName(chunk), null, chunk.size()), null, RunFields.FULL));
            }
            receivers.add(() -> {
                names.forEach(fullPending::remove);
                for (Part<Page<Run>> part : parts) {
                    orMissing(part).items().forEach(run -> full.put(run.ref().name(), run));
                }
            });
        }
        requestSweeps(batch);
    }

    private void requestSweeps(WandbBatch batch) {
        if (sweepPaging) {
            Part<Page<Sweep>> page = batch.sweeps(project, sweepCursor, pageSize, baseline);
            receivers.add(() -> {
                Page<Sweep> found = orMissing(page);
                found.items().forEach(this::acceptSweep);
                sweepPaging = found.hasNextPage() && found.nextCursor() != null && !found.items().isEmpty()
                        && !found.nextCursor().equals(sweepCursor);
                sweepCursor = found.nextCursor();
            });
        }
        if (namedSweepsPending) {
            List<Part<Optional<Sweep>>> parts = new ArrayList<>();
            scope.sweeps().forEach(name -> parts.add(batch.sweep(sweepRef(name), baseline)));
            receivers.add(() -> {
                namedSweepsPending = false;
                parts.forEach(part -> part.get().ifPresent(this::acceptSweep));
            });
        }
        if (!configPending.isEmpty()) {
            List<String> names = List.copyOf(configPending);
            List<Part<Optional<Sweep>>> parts = names.stream().map(name -> batch.sweep(sweepRef(name), true)).toList();
            receivers.add(() -> {
                names.forEach(configPending::remove);
                parts.forEach(part -> part.get().ifPresent(sweep -> configs.put(sweep.ref().name(), sweep)));
            });
        }
        if (bestPlanned && !bestPending.isEmpty()) {
            List<String> names = List.copyOf(bestPending);
            Map<String, Part<Page<Run>>> parts = new LinkedHashMap<>();
            for (String name : names) {
                SweepSnapshot metric = metricOf(name);
                String key = "summary_metrics." + metric.metric();
                ObjectNode filter = JSON.createObjectNode();
                ArrayNode and = filter.putArray("$and");
                and.addObject().put("sweep", name);
                and.addObject().putObject(key).put("$exists", true);
                String order = ("maximize".equals(metric.goal()) ? "-" : "+") + key;
                parts.put(name, batch.runs(project, new RunQuery(filter.toString(), order, 1), null, RunFields.SUMMARY));
            }
            receivers.add(() -> {
                names.forEach(bestPending::remove);
                parts.forEach((name, part) -> best.put(name, orMissing(part).items().stream().findFirst()));
            });
        }
    }

    @Override
    public void receive() {
        List<Runnable> pending = List.copyOf(receivers);
        receivers.clear();
        pending.forEach(Runnable::run);
        if (!bestPlanned && !paging && !probing && !recheckPending && fullPending.isEmpty() && !sweepPaging
                && !namedSweepsPending && configPending.isEmpty()) {
            planBest();
        }
    }

    @Override
    public boolean done() {
        return bestPlanned && bestPending.isEmpty() && !paging && !probing && !recheckPending
                && fullPending.isEmpty() && !sweepPaging && !namedSweepsPending && configPending.isEmpty();
    }

    /** A part's result; a missing project reads as an empty one, and is reported in the outcome. */
    private <T> Page<T> orMissing(Part<Page<T>> part) {
        try {
            return part.get();
        } catch (NoSuchElementException e) {
            missing = true;
            return new Page<>(List.of(), null, false, null);
        }
    }

    private void acceptPage(Page<Run> page) {
        firstPage = false;
        Instant floor = position == null ? null : position.floor();
        boolean reachedFloor = false;
        for (Run run : page.items()) {
            if (floor != null && (run.heartbeatAt() == null || run.heartbeatAt().isBefore(floor))) {
                reachedFloor = true;
                break;
            }
            read.put(run.ref().name(), run);
            if (!baseline && !runs.containsKey(run.ref().name()) && isNew(run.createdAt())) {
                fullPending.add(run.ref().name());
            }
        }
        paging = !reachedFloor && page.hasNextPage() && page.nextCursor() != null && !page.items().isEmpty()
                && !page.nextCursor().equals(pageCursor);
        pageCursor = page.nextCursor();
    }

    private void acceptSweep(Sweep sweep) {
        String name = sweep.ref().name();
        sweepsRead.put(name, sweep);
        if (baseline) {
            configs.put(name, sweep);
        } else if (!sweeps.containsKey(name)) {
            configPending.add(name);
        }
    }

    /** The first page holds the runs still in the window plus one, and room for as many changes as last time. */
    private int firstPageSize() {
        Instant floor = position.floor();
        long inWindow = floor == null ? runs.size() : runs.values().stream()
                .filter(run -> run.heartbeatAt() != null && !run.heartbeatAt().isBefore(floor)).count();
        long size = Math.max(MIN_FIRST_PAGE, inWindow + 1 + 2L * state.lastChanges());
        return (int) Math.min(pageSize, size);
    }

    private record NameFilter(String filter, int size) {
    }

    /** For each active state: the runs last seen in it whose state is now another, by name. */
    private List<NameFilter> recheckFilters() {
        Map<String, List<String>> byState = new TreeMap<>();
        runs.forEach((name, run) -> {
            if (ACTIVE_STATES.contains(run.state())) {
                byState.computeIfAbsent(run.state(), s -> new ArrayList<>()).add(name);
            }
        });
        List<NameFilter> result = new ArrayList<>();
        byState.forEach((runState, names) -> {
            names.sort(null);
            for (List<String> chunk : chunks(names)) {
                ObjectNode filter = JSON.createObjectNode();
                ArrayNode and = filter.putArray("$and");
                ArrayNode in = and.addObject().putObject("name").putArray("$in");
                chunk.forEach(in::add);
                and.addObject().putObject("state").put("$ne", runState);
                result.add(new NameFilter(filter.toString(), chunk.size()));
            }
        });
        return result;
    }

    private static String byName(List<String> names) {
        ObjectNode filter = JSON.createObjectNode();
        ArrayNode in = filter.putObject("name").putArray("$in");
        names.forEach(in::add);
        return filter.toString();
    }

    private static List<List<String>> chunks(List<String> names) {
        List<List<String>> result = new ArrayList<>();
        for (int i = 0; i < names.size(); i += NAMES_PER_READ) {
            result.add(names.subList(i, Math.min(names.size(), i + NAMES_PER_READ)));
        }
        return result;
    }

    /** Decides which sweeps' best runs to look up, once every other read is in. */
    private void planBest() {
        bestPlanned = true;
        Set<String> touched = new HashSet<>();
        read.values().forEach(run -> {
            if (run.sweep() != null) {
                touched.add(run.sweep());
            }
        });
        rechecked.values().forEach(run -> {
            RunSnapshot seen = runs.get(run.ref().name());
            if (seen != null && seen.sweep() != null) {
                touched.add(seen.sweep());
            }
        });
        for (Sweep sweep : sweepsRead.values()) {
            String name = sweep.ref().name();
            SweepSnapshot metric = metricOf(name);
            if (metric == null || metric.metric() == null) {
                continue;
            }
            SweepSnapshot seen = sweeps.get(name);
            if (seen == null || touched.contains(name) || !Objects.equals(seen.bestLoss(), sweep.bestLoss())
                    || !Objects.equals(seen.runCount(), sweep.runCount())) {
                bestPending.add(name);
            }
        }
    }

    /** The metric and goal of a sweep: from its snapshot, or from the config read this poll. */
    private SweepSnapshot metricOf(String name) {
        SweepSnapshot seen = sweeps.get(name);
        if (seen != null) {
            return seen;
        }
        Sweep configured = configs.get(name);
        return configured == null ? null : new SweepSnapshot(null, null, null, configured.metricName(),
                configured.metricGoal(), null, null);
    }

    private SweepRef sweepRef(String name) {
        return new SweepRef(project.entity(), project.name(), name);
    }

    @Override
    public Outcome outcome() {
        if (!done()) {
            throw new IllegalStateException("the poll of " + scope() + " is not complete");
        }
        List<NewEvent> events = new ArrayList<>();
        Map<String, String> snapshots = new LinkedHashMap<>();
        Set<String> forgotten = new TreeSet<>();
        int changes = 0;
        if (baseline) {
            read.forEach((name, run) -> snapshots.put(RUN + name, Snapshots.write(snapshot(run))));
        } else {
            changes = runEvents(events, snapshots);
        }
        changes += sweepEvents(events, snapshots, forgotten);
        return new Outcome(events, snapshots, forgotten, Snapshots.write(nextPosition()), changes, missing);
    }

    private int runEvents(List<NewEvent> events, Map<String, String> snapshots) {
        int changes = 0;
        List<Run> ordered = new ArrayList<>(read.values());
        ordered.sort(Comparator.comparing(Run::heartbeatAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Run::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(run -> run.ref().name()));
        for (Run run : ordered) {
            String name = run.ref().name();
            RunSnapshot seen = runs.get(name);
            RunSnapshot now = snapshot(run);
            if (seen == null) {
                if (isNew(run.createdAt())) {
                    events.add(runCreated(run, full.getOrDefault(name, run)));
                }
                snapshots.put(RUN + name, Snapshots.write(now));
                changes++;
                continue;
            }
            Set<String> keys = changedKeys(seen.summary(), now.summary());
            if (!keys.isEmpty()) {
                events.add(summaryChanged(run, keys));
            }
            if (!Objects.equals(seen.state(), now.state())) {
                events.add(stateChanged(run, seen.state(), now.state()));
            }
            if (!seen.equals(now)) {
                snapshots.put(RUN + name, Snapshots.write(now));
                changes++;
            }
        }
        for (Run run : rechecked.values()) {
            String name = run.ref().name();
            RunSnapshot seen = runs.get(name);
            if (read.containsKey(name) || seen == null || Objects.equals(seen.state(), run.state())) {
                continue;
            }
            events.add(stateChanged(run, seen.state(), run.state()));
            Instant heartbeat = seen.heartbeatAt() == null || (run.heartbeatAt() != null
                    && run.heartbeatAt().isAfter(seen.heartbeatAt())) ? run.heartbeatAt() : seen.heartbeatAt();
            snapshots.put(RUN + name, Snapshots.write(new RunSnapshot(run.state(), heartbeat, seen.sweep(),
                    seen.summary())));
            changes++;
        }
        return changes;
    }

    private int sweepEvents(List<NewEvent> events, Map<String, String> snapshots, Set<String> forgotten) {
        int changes = 0;
        for (Sweep sweep : sweepsRead.values()) {
            String name = sweep.ref().name();
            SweepSnapshot seen = sweeps.get(name);
            SweepSnapshot metric = metricOf(name);
            if (metric == null) {
                // a new sweep whose config could not be read: taken in at the next poll
                continue;
            }
            Optional<Run> bestRun = best.get(name);
            String bestName = seen == null ? null : seen.bestRun();
            Double bestValue = seen == null ? null : seen.bestValue();
            if (bestRun != null) {
                bestName = bestRun.map(run -> run.ref().name()).orElse(null);
                bestValue = bestRun.map(run -> number(run.summary().get(metric.metric()))).orElse(null);
            }
            SweepSnapshot now = new SweepSnapshot(sweep.state(), sweep.bestLoss(), sweep.runCount(),
                    metric.metric(), metric.goal(), bestName, bestValue);
            if (!baseline) {
                if (seen == null) {
                    Sweep configured = configs.getOrDefault(name, sweep);
                    if (isNew(configured.createdAt())) {
                        events.add(sweepCreated(configured, now));
                    }
                } else if (!Objects.equals(lower(seen.state()), lower(now.state()))) {
                    events.add(sweepStateChanged(sweep, seen.state(), now.state()));
                }
                String previousRun = seen == null ? null : seen.bestRun();
                Double previousValue = seen == null ? null : seen.bestValue();
                if (bestName != null && (!bestName.equals(previousRun) || !Objects.equals(bestValue, previousValue))) {
                    events.add(bestChanged(sweep, now, previousRun, previousValue));
                }
            }
            if (!now.equals(seen)) {
                snapshots.put(SWEEP + name, Snapshots.write(now));
                changes++;
            }
        }
        for (String name : sweeps.keySet()) {
            boolean followed = scope.allSweeps() || scope.sweeps().contains(name);
            if (!followed || !missing && !sweepsRead.containsKey(name)) {
                forgotten.add(SWEEP + name);
            }
        }
        return changes;
    }

    private ProjectPosition nextPosition() {
        if (baseline) {
            return new ProjectPosition(probed, probed == null ? null : probed.minus(overlap), now, probed);
        }
        Instant heartbeat = position.heartbeat();
        for (Run run : read.values()) {
            if (run.heartbeatAt() != null && (heartbeat == null || run.heartbeatAt().isAfter(heartbeat))) {
                heartbeat = run.heartbeatAt();
            }
        }
        if (heartbeat == null) {
            return position;
        }
        if (!heartbeat.equals(position.heartbeat())) {
            return new ProjectPosition(heartbeat, heartbeat.minus(overlap), now, position.since());
        }
        // once a whole window has passed since the newest heartbeat moved, every write up to it is
        // visible and was read: the next polls only need what heart-beats after it
        Instant settled = heartbeat.plusSeconds(1);
        if (!now.isBefore(position.movedAt().plus(overlap)) && !settled.equals(position.floor())) {
            return new ProjectPosition(heartbeat, settled, position.movedAt(), position.since());
        }
        return position;
    }

    private boolean isNew(Instant createdAt) {
        Instant since = position == null ? null : position.since();
        return since == null || createdAt == null || !createdAt.isBefore(since);
    }

    private static RunSnapshot snapshot(Run run) {
        return new RunSnapshot(run.state(), run.heartbeatAt(), run.sweep(), Snapshots.fingerprint(run.summary()));
    }

    static Set<String> changedKeys(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new TreeSet<>();
        after.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                keys.add(key);
            }
        });
        before.keySet().forEach(key -> {
            if (!after.containsKey(key)) {
                keys.add(key);
            }
        });
        return keys;
    }

    // --- events --------------------------------------------------------------------------------

    private ObjectNode runPayload(Run run) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("entity", project.entity());
        payload.put("project", project.name());
        payload.put("run", run.ref().name());
        payload.put("displayName", run.displayName());
        payload.put("state", run.state());
        if (run.sweep() != null) {
            payload.put("sweep", run.sweep());
        }
        return payload;
    }

    private NewEvent runCreated(Run run, Run detail) {
        ObjectNode payload = runPayload(run);
        payload.put("createdAt", text(run.createdAt()));
        payload.set("config", JSON.valueToTree(detail.config()));
        payload.set("tags", JSON.valueToTree(detail.tags()));
        if (detail.group() != null) {
            payload.put("group", detail.group());
        }
        if (detail.jobType() != null) {
            payload.put("jobType", detail.jobType());
        }
        return event(EventTypes.RUN_CREATED, run.ref().path(), payload);
    }

    private NewEvent stateChanged(Run run, String from, String to) {
        ObjectNode payload = runPayload(run);
        payload.put("from", from);
        payload.put("to", to);
        payload.put("heartbeatAt", text(run.heartbeatAt()));
        return event(EventTypes.RUN_STATE_CHANGED, run.ref().path(), payload);
    }

    private NewEvent summaryChanged(Run run, Set<String> keys) {
        ObjectNode payload = runPayload(run);
        ArrayNode names = payload.putArray("keys");
        ObjectNode values = payload.putObject("values");
        for (String key : keys) {
            names.add(key);
            JsonNode value = run.summary().containsKey(key) ? Snapshots.scalar(run.summary().get(key)) : null;
            if (value != null) {
                values.set(key, value);
            }
        }
        payload.put("heartbeatAt", text(run.heartbeatAt()));
        return event(EventTypes.RUN_SUMMARY_CHANGED, run.ref().path(), payload);
    }

    private ObjectNode sweepPayload(Sweep sweep) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("entity", project.entity());
        payload.put("project", project.name());
        payload.put("sweep", sweep.ref().name());
        payload.put("state", lower(sweep.state()));
        return payload;
    }

    private NewEvent sweepCreated(Sweep sweep, SweepSnapshot now) {
        ObjectNode payload = sweepPayload(sweep);
        payload.put("displayName", sweep.displayName());
        payload.put("method", sweep.method());
        payload.put("metric", now.metric());
        payload.put("goal", now.goal());
        payload.put("createdAt", text(sweep.createdAt()));
        return event(EventTypes.SWEEP_CREATED, sweep.ref().path(), payload);
    }

    private NewEvent sweepStateChanged(Sweep sweep, String from, String to) {
        ObjectNode payload = sweepPayload(sweep);
        payload.put("from", lower(from));
        payload.put("to", lower(to));
        return event(EventTypes.SWEEP_STATE_CHANGED, sweep.ref().path(), payload);
    }

    private NewEvent bestChanged(Sweep sweep, SweepSnapshot now, String previousRun, Double previousValue) {
        ObjectNode payload = sweepPayload(sweep);
        payload.put("metric", now.metric());
        payload.put("goal", now.goal());
        payload.put("run", now.bestRun());
        payload.put("value", now.bestValue());
        payload.put("previousRun", previousRun);
        payload.put("previousValue", previousValue);
        return event(EventTypes.SWEEP_BEST_CHANGED, sweep.ref().path(), payload);
    }

    private static NewEvent event(String type, String subject, ObjectNode payload) {
        return new NewEvent(type, subject, EventTypes.SOURCE, payload);
    }

    private static Double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : null;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
