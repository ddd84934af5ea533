package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Projects (W&B "models"), created on demand as W&B's upsertModel does. */
@ApplicationScoped
public class ProjectService {

    private final SandboxStore store;
    private final Clock clock;

    ProjectService(SandboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The result of upsertModel: the project and whether this call created it. */
    public record Upserted(Project project, boolean inserted) {
    }

    public Upserted upsert(ProjectRef ref, String description, String access) {
        Names.require(ref.entity(), "entityName");
        Names.require(ref.name(), "name");
        return store.write(data -> {
            boolean inserted = !data.projects.containsKey(ref);
            Project existing = data.ensureProject(ref, clock.instant());
            Project updated = new Project(existing.id(), ref,
                    description != null ? description : existing.description(),
                    access != null ? access : existing.access(), existing.createdAt());
            data.projects.put(ref, updated);
            return new Upserted(updated, inserted);
        });
    }

    public Optional<Project> find(ProjectRef ref) {
        return store.read(data -> Optional.ofNullable(data.projects.get(ref)));
    }

    public List<Project> list(String entity) {
        return store.read(data -> data.projects.values().stream().filter(p -> p.ref().entity().equals(entity)).toList());
    }

    /** A page of the entity's projects, oldest first. */
    public Page<Project> page(String entity, String after, Integer first) {
        Predicate<Project> afterCursor = null;
        if (after != null && !after.isEmpty()) {
            long id = Cursors.number(Cursors.decode(after, 1).get(0), after);
            afterCursor = p -> p.id() > id;
        }
        return Page.slice(list(entity), first, p -> Cursors.encode(List.of(p.id())), afterCursor);
    }
}
