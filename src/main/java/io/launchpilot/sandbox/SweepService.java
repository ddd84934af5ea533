package io.launchpilot.sandbox;

import io.launchpilot.filter.RunFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Sweeps: YAML configs, states, and the statistics W&B derives from their runs. */
@ApplicationScoped
public class SweepService {

    /** Sweep states as W&B spells them. */
    public static final Set<String> STATES = Set.of("PENDING", "RUNNING", "PAUSED", "CANCELED", "FINISHED", "CRASHED");

    private static final Set<String> METHODS = Set.of("grid", "random", "bayes");

    private final SandboxStore store;
    private final Clock clock;

    SweepService(SandboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What a new sweep starts with; {@code config} is YAML text (JSON is YAML too) or an
     * already parsed map.
     */
    public record NewSweep(ProjectRef project, Object config, String state, String displayName, String description,
                           boolean simulated) {
    }

    public Sweep create(NewSweep spec) {
        Names.require(spec.project().entity(), "entityName");
        Names.require(spec.project().name(), "projectName");
        String text = configText(spec.config());
        Map<String, Object> parsed = parseConfig(text);
        String state = spec.state() == null ? "RUNNING" : requireState(spec.state());
        return store.write(data -> {
            Instant now = clock.instant();
            data.ensureProject(spec.project(), now);
            String name;
            do {
                name = data.shortId();
            } while (findIn(data, spec.project(), name).isPresent());
            Instant created = data.created(now);
            String description = spec.description() != null ? spec.description()
                    : parsed.get("description") instanceof String d ? d : null;
            Sweep sweep = new Sweep(data.nextId(), spec.project(), name,
                    spec.displayName() != null ? spec.displayName() : parsed.get("name") instanceof String n ? n : null,
                    text, parsed, state, description, created, created, spec.simulated());
            data.sweeps.put(sweep.id(), sweep);
            return sweep;
        });
    }

    /** upsertSweep on an existing sweep: each non-null argument replaces the stored value. */
    public Sweep update(long id, Object config, String state, String displayName, String description) {
        String text = config == null ? null : configText(config);
        Map<String, Object> parsed = text == null ? null : parseConfig(text);
        String newState = state == null ? null : requireState(state);
        return store.write(data -> {
            Sweep sweep = data.sweeps.get(id);
            if (sweep == null) {
                throw SandboxException.notFound("sweep " + Ids.of("Sweep", id) + " not found");
            }
            Sweep updated = new Sweep(sweep.id(), sweep.project(), sweep.name(),
                    displayName != null ? displayName : sweep.displayName(),
                    text != null ? text : sweep.config(),
                    parsed != null ? parsed : sweep.parsedConfig(),
                    newState != null ? newState : sweep.state(),
                    description != null ? description : sweep.description(),
                    sweep.createdAt(), clock.instant(), sweep.simulated());
            data.sweeps.put(id, updated);
            return updated;
        });
    }

    public Optional<Sweep> find(ProjectRef project, String name) {
        return store.read(data -> findIn(data, project, name));
    }

    /** A page of the project's sweeps matching {@code filter}, newest first as W&B lists them. */
    public Page<Sweep> page(ProjectRef project, RunFilter filter, String after, Integer first) {
        List<Sweep> sorted = store.read(data -> data.sweeps.values().stream()
                .filter(s -> s.project().equals(project))
                .toList())
                .stream().filter(s -> filter.matches(s.document()))
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .toList();
        Predicate<Sweep> afterCursor = null;
        if (after != null && !after.isEmpty()) {
            long id = Cursors.number(Cursors.decode(after, 1).get(0), after);
            afterCursor = s -> s.id() < id;
        }
        return Page.slice(sorted, first, s -> Cursors.encode(List.of(s.id())), afterCursor);
    }

    public int count(ProjectRef project) {
        return store.read(data -> (int) data.sweeps.values().stream().filter(s -> s.project().equals(project)).count());
    }

    public int runCount(Sweep sweep) {
        return store.read(data -> (int) data.runs.values().stream()
                .filter(r -> r.ref().projectRef().equals(sweep.project()) && sweep.name().equals(r.sweep()))
                .count());
    }

    /** The best value of the sweep's metric over its runs (lowest, or highest when maximizing). */
    public Double bestLoss(Sweep sweep) {
        Optional<String> metric = sweep.metricName();
        if (metric.isEmpty()) {
            return null;
        }
        OptionalDouble best = store.read(data -> data.runs.values().stream()
                .filter(r -> r.ref().projectRef().equals(sweep.project()) && sweep.name().equals(r.sweep()))
                .map(r -> r.summary().get(metric.get()))
                .filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .reduce(sweep.maximizes() ? Math::max : Math::min));
        return best.isPresent() ? best.getAsDouble() : null;
    }

    /** How many runs a grid search will make (the product of its value counts); null otherwise. */
    public static Integer runCountExpected(Sweep sweep) {
        if (!"grid".equals(sweep.method()) || !(sweep.parsedConfig().get("parameters") instanceof Map<?, ?> params)) {
            return null;
        }
        int count = 1;
        for (Object parameter : params.values()) {
            if (parameter instanceof Map<?, ?> p && p.get("values") instanceof List<?> values) {
                count *= values.size();
            } else if (!(parameter instanceof Map<?, ?> p && p.containsKey("value"))) {
                return null;
            }
        }
        return count;
    }

    static String requireState(String state) {
        String upper = state.toUpperCase(Locale.ROOT);
        if (!STATES.contains(upper)) {
            throw SandboxException.invalid("invalid sweep state \"" + state + "\"; expected one of "
                    + new ArrayList<>(new TreeSet<>(STATES)));
        }
        return upper;
    }

    private static Optional<Sweep> findIn(SandboxData data, ProjectRef project, String name) {
        return data.sweeps.values().stream()
                .filter(s -> s.project().equals(project) && s.name().equals(name))
                .findFirst();
    }

    private static String configText(Object config) {
        if (config instanceof String text) {
            return text;
        }
        if (config instanceof Map<?, ?> map) {
            return Json.writeYaml(map);
        }
        throw SandboxException.invalid("config must be YAML text or a JSON object");
    }

    /** Checks what W&B checks before accepting a sweep config. */
    private static Map<String, Object> parseConfig(String text) {
        if (text == null || text.isBlank()) {
            throw SandboxException.invalid("sweep config is required");
        }
        if (!(Json.parseYaml(text, "sweep config") instanceof Map<?, ?> map)) {
            throw SandboxException.invalid("sweep config must be a mapping");
        }
        Map<String, Object> config = Json.stringKeys(map);
        Object method = config.get("method");
        if (!METHODS.contains(String.valueOf(method))) {
            throw SandboxException.invalid("sweep config method must be one of grid, random, bayes; got " + method);
        }
        Object metric = config.get("metric");
        if (metric != null) {
            if (!(metric instanceof Map<?, ?> m) || !(m.get("name") instanceof String)) {
                throw SandboxException.invalid("sweep config metric must have a name");
            }
            Object goal = m.get("goal");
            if (goal != null && !"minimize".equals(goal) && !"maximize".equals(goal)) {
                throw SandboxException.invalid("sweep config metric goal must be minimize or maximize; got " + goal);
            }
        } else if ("bayes".equals(method)) {
            throw SandboxException.invalid("a bayes sweep needs a metric");
        }
        return config;
    }
}
