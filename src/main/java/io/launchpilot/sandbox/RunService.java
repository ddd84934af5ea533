package io.launchpilot.sandbox;

import io.launchpilot.filter.RunFilter;
import io.launchpilot.filter.RunOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Runs: creation, updates, state changes, and W&B's filtered, ordered, paged listing. */
@ApplicationScoped
public class RunService {

    /** Run states as W&B names them. */
    public static final Set<String> STATES =
            Set.of("running", "finished", "crashed", "failed", "killed", "preempting", "preempted", "pending");

    private static final Set<String> ACTIVE = Set.of("running", "pending", "preempting");

    private final SandboxStore store;
    private final Clock clock;

    RunService(SandboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What a new run starts with. {@code name} (the short id) is generated when null;
     * {@code config} is in W&B's wrapped form; {@code sweep} must name an existing sweep.
     */
    public record NewRun(ProjectRef project, String name, String displayName, String state,
                         Map<String, Object> config, Map<String, Object> summary, List<String> tags, String group,
                         String jobType, String sweep, String notes, String description, String host,
                         boolean simulated) {
    }

    public Run create(NewRun spec) {
        Names.require(spec.project().entity(), "entity");
        Names.require(spec.project().name(), "project");
        String state = spec.state() == null ? "running" : requireState(spec.state());
        if (spec.name() != null) {
            Names.require(spec.name(), "run name");
        }
        return store.write(data -> {
            Instant now = clock.instant();
            if (spec.sweep() != null && data.sweeps.values().stream()
                    .noneMatch(s -> s.project().equals(spec.project()) && s.name().equals(spec.sweep()))) {
                throw SandboxException.invalid("sweep " + spec.sweep() + " not found in " + spec.project());
            }
            String name = spec.name();
            if (name == null) {
                do {
                    name = data.shortId();
                } while (data.runs.containsKey(new RunRef(spec.project().entity(), spec.project().name(), name)));
            }
            RunRef ref = new RunRef(spec.project().entity(), spec.project().name(), name);
            if (data.runs.containsKey(ref)) {
                throw SandboxException.conflict("run " + ref + " already exists");
            }
            data.ensureProject(spec.project(), now);
            Instant created = data.created(now);
            Run run = new Run(data.nextId(), ref,
                    spec.displayName() != null ? spec.displayName() : DisplayNames.generate(data.shortId(), data.runs.size() + 1),
                    state, spec.config(), spec.summary(), spec.tags(), spec.group(), spec.jobType(), spec.sweep(),
                    spec.notes(), spec.description(), Viewer.USERNAME, spec.host(), created, created, created,
                    spec.simulated());
            data.runs.put(ref, run);
            return run;
        });
    }

    public Optional<Run> find(RunRef ref) {
        return store.read(data -> Optional.ofNullable(data.runs.get(ref)));
    }

    public Run get(RunRef ref) {
        return find(ref).orElseThrow(() -> SandboxException.notFound("run " + ref + " not found"));
    }

    public Run update(RunRef ref, RunPatch patch) {
        if (patch.state() != null) {
            requireState(patch.state());
        }
        return store.write(data -> {
            Run run = data.runs.get(ref);
            if (run == null) {
                throw SandboxException.notFound("run " + ref + " not found");
            }
            Run updated = run.apply(patch, clock.instant());
            data.runs.put(ref, updated);
            return updated;
        });
    }

    /** Gives a demo run a past: created {@code age} ago, last heart-beating {@code idle} ago. */
    Run backdate(RunRef ref, Duration age, Duration idle) {
        Instant now = clock.instant();
        return store.write(data -> {
            Run run = data.runs.get(ref);
            Run moved = new Run(run.id(), run.ref(), run.displayName(), run.state(), run.config(), run.summary(),
                    run.tags(), run.group(), run.jobType(), run.sweep(), run.notes(), run.description(),
                    run.username(), run.host(), now.minus(age), now.minus(idle), now.minus(idle), run.simulated());
            data.runs.put(ref, moved);
            return moved;
        });
    }

    /**
     * Merges keys into the run's summary and (wrapped) config, replaces state and tags when given,
     * and moves the heartbeat to now, in one step.
     */
    public Run merge(RunRef ref, String state, Map<String, Object> summary, Map<String, Object> config,
                     List<String> tags) {
        if (state != null) {
            requireState(state);
        }
        return store.write(data -> {
            Run run = data.runs.get(ref);
            if (run == null) {
                throw SandboxException.notFound("run " + ref + " not found");
            }
            Map<String, Object> newSummary = null;
            if (summary != null) {
                newSummary = new LinkedHashMap<>(run.summary());
                newSummary.putAll(summary);
            }
            Map<String, Object> newConfig = null;
            if (config != null) {
                newConfig = new LinkedHashMap<>(run.config());
                newConfig.putAll(config);
            }
            Run updated = run.apply(new RunPatch(null, state, newConfig, newSummary, tags, null, null, null, null, true),
                    clock.instant());
            data.runs.put(ref, updated);
            return updated;
        });
    }

    /**
     * updateRunState: W&B lets clients move a run to {@code pending} (from running, failed,
     * crashed or preempted) or to {@code failed} (from pending or running), never a sweep's run.
     */
    public void changeState(RunRef ref, String state) {
        Run run = get(ref);
        Set<String> from = switch (state) {
            case "pending" -> Set.of("running", "failed", "crashed", "preempted");
            case "failed" -> Set.of("pending", "running");
            default -> throw SandboxException.invalid("runs can only be set to pending or failed, not " + state);
        };
        if (run.sweep() != null) {
            throw SandboxException.invalid("cannot change the state of run " + ref + " in sweep " + run.sweep());
        }
        if (!from.contains(run.state())) {
            throw SandboxException.invalid("cannot move run " + ref + " from " + run.state() + " to " + state);
        }
        update(ref, RunPatch.state(state));
    }

    /** stopRun: nothing else would stop a sandbox run, so an active one ends as {@code killed}. */
    public void stop(RunRef ref) {
        Run run = get(ref);
        if (ACTIVE.contains(run.state())) {
            update(ref, RunPatch.state("killed"));
        }
    }

    public boolean delete(RunRef ref) {
        return store.write(data -> data.runs.remove(ref) != null);
    }

    /** A page of the project's runs matching {@code filter}, in {@code order}. */
    public Page<Run> page(ProjectRef project, RunFilter filter, RunOrder order, String after, Integer first) {
        List<Placed> sorted = matching(project, filter).stream()
                .map(run -> new Placed(run, order.sortKey(run.document())))
                .sorted((a, b) -> order.compare(a.key(), b.key()))
                .toList();
        Predicate<Placed> afterCursor = null;
        if (after != null && !after.isEmpty()) {
            List<Object> position = Cursors.decode(after, 3);
            if (!(position.get(2) instanceof String name)) {
                throw SandboxException.invalid("invalid cursor: " + after);
            }
            RunOrder.SortKey cursorKey = new RunOrder.SortKey(position.get(0), position.get(1), name);
            afterCursor = placed -> order.compare(placed.key(), cursorKey) > 0;
        }
        return Page.slice(sorted, first, placed -> Cursors.encode(
                Arrays.asList(placed.key().value(), placed.key().createdAt(), placed.key().name())), afterCursor)
                .map(Placed::run);
    }

    /** A run with its place in the requested order, computed once per request. */
    private record Placed(Run run, RunOrder.SortKey key) {
    }

    /**
     * Attaches the project's runs that match {@code filter} to the sweep (W&B's prior runs of a
     * new sweep).
     */
    public void attachToSweep(ProjectRef project, RunFilter filter, String sweep) {
        Instant now = clock.instant();
        store.update(data -> data.runs.replaceAll((ref, run) -> ref.projectRef().equals(project)
                && filter.matches(run.document()) ? run.inSweep(sweep, now) : run));
    }

    public int count(ProjectRef project, RunFilter filter) {
        return matching(project, filter).size();
    }

    /** Runs of a sweep, oldest first. */
    public List<Run> ofSweep(ProjectRef project, String sweep) {
        return store.read(data -> data.runs.values().stream()
                .filter(r -> r.ref().projectRef().equals(project) && sweep.equals(r.sweep()))
                .toList());
    }

    static String requireState(String state) {
        if (!STATES.contains(state)) {
            throw SandboxException.invalid("invalid run state \"" + state + "\"; expected one of "
                    + Arrays.toString(STATES.stream().sorted().toArray()));
        }
        return state;
    }

    private List<Run> matching(ProjectRef project, RunFilter filter) {
        return store.read(data -> data.runs.values().stream()
                .filter(r -> r.ref().projectRef().equals(project))
                .toList())
                .stream().filter(r -> filter.matches(r.document())).toList();
    }
}
