package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Artifacts: versions logged into sequences, links into portfolios (plain collections or
 * {@code wandb-registry-*} projects), and aliases, with {@code latest} on the newest membership.
 */
@ApplicationScoped
public class ArtifactService {

    /** The alias W&B keeps on the newest version of every collection. */
    public static final String LATEST = "latest";

    private static final Pattern VERSION = Pattern.compile("v(\\d+)");

    private final SandboxStore store;
    private final Clock clock;

    ArtifactService(SandboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A membership with what it joins. */
    public record Version(Membership membership, Artifact artifact, ArtifactCollection collection) {

        /** W&B's {@code <collection>:v<index>} name. */
        public String name() {
            return collection.name() + ":v" + membership.versionIndex();
        }
    }

    /**
     * Logs a new version of {@code name} (the next index, {@code latest} moved onto it), creating
     * the sequence on first use.
     */
    public Version log(ProjectRef project, RunRef run, String type, String name, List<String> aliases,
                       String description, Map<String, Object> metadata) {
        Names.require(project.entity(), "entity");
        Names.require(project.name(), "project");
        Names.require(type, "type");
        Names.require(name, "artifact name");
        List<String> wanted = aliases(aliases);
        return store.write(data -> {
            if (run != null && !data.runs.containsKey(run)) {
                throw SandboxException.notFound("run " + run + " not found");
            }
            Instant now = clock.instant();
            data.ensureProject(project, now);
            ArtifactCollection sequence = collectionIn(data, project, name).orElseGet(() -> {
                ArtifactCollection created = new ArtifactCollection(data.nextId(), project, name, type, false, null,
                        data.created(now));
                data.collections.put(created.id(), created);
                return created;
            });
            if (sequence.portfolio()) {
                throw SandboxException.conflict(name + " in " + project + " is a linked collection; log to another name");
            }
            if (!sequence.type().equals(type)) {
                throw SandboxException.conflict("artifact " + name + " in " + project + " has type " + sequence.type()
                        + ", not " + type);
            }
            int index = (int) data.artifacts.values().stream().filter(a -> a.sequenceId() == sequence.id()).count();
            long id = data.nextId();
            Instant created = data.created(now);
            Artifact artifact = new Artifact(id, sequence.id(), index, type, run, description, metadata, List.of(),
                    digest(project + "/" + name + ":" + id), 0, created, created);
            data.artifacts.put(id, artifact);
            Membership membership = addMembership(data, sequence, artifact, index, wanted, now);
            return new Version(membership, artifact, sequence);
        });
    }

    /** linkArtifact: puts the version into a portfolio (created on first use) with the aliases. */
    public Version link(long artifactId, ProjectRef target, String portfolioName, Long portfolioId, List<String> aliases) {
        List<String> wanted = aliases(aliases);
        return store.write(data -> {
            Artifact artifact = data.artifacts.get(artifactId);
            if (artifact == null) {
                throw SandboxException.notFound("artifact " + Ids.of("Artifact", artifactId) + " not found");
            }
            Instant now = clock.instant();
            ArtifactCollection portfolio;
            if (portfolioId != null) {
                portfolio = Optional.ofNullable(data.collections.get(portfolioId)).filter(ArtifactCollection::portfolio)
                        .orElseThrow(() -> SandboxException.notFound("artifact portfolio "
                                + Ids.of("ArtifactCollection", portfolioId) + " not found"));
            } else {
                if (target == null || target.entity() == null || target.name() == null) {
                    throw SandboxException.invalid("linkArtifact needs artifactPortfolioID or entityName, projectName"
                            + " and artifactPortfolioName");
                }
                Names.require(target.entity(), "entityName");
                Names.require(target.name(), "projectName");
                Names.require(portfolioName, "artifactPortfolioName");
                data.ensureProject(target, now);
                portfolio = collectionIn(data, target, portfolioName).orElseGet(() -> {
                    ArtifactCollection created = new ArtifactCollection(data.nextId(), target, portfolioName,
                            artifact.type(), true, null, data.created(now));
                    data.collections.put(created.id(), created);
                    return created;
                });
                if (!portfolio.portfolio()) {
                    throw SandboxException.conflict(portfolioName + " in " + target
                            + " holds logged versions; link into a collection of its own");
                }
            }
            ArtifactCollection into = portfolio;
            Optional<Membership> existing = data.memberships.values().stream()
                    .filter(m -> m.collectionId() == into.id() && m.artifactId() == artifactId).findFirst();
            Membership membership;
            if (existing.isPresent()) {
                membership = existing.get();
                for (String alias : wanted) {
                    membership = moveAlias(data, into, membership, alias);
                }
            } else {
                int index = data.memberships.values().stream().filter(m -> m.collectionId() == into.id())
                        .mapToInt(m -> m.versionIndex() + 1).max().orElse(0);
                membership = addMembership(data, into, artifact, index, wanted, now);
            }
            return new Version(membership, artifact, into);
        });
    }

    /** unlinkArtifact: removes the version from the portfolio; {@code latest} falls back to the newest left. */
    public boolean unlink(long artifactId, long portfolioId) {
        return store.write(data -> {
            ArtifactCollection portfolio = data.collections.get(portfolioId);
            if (portfolio == null || !portfolio.portfolio()) {
                throw SandboxException.notFound("artifact portfolio " + Ids.of("ArtifactCollection", portfolioId)
                        + " not found");
            }
            Optional<Membership> membership = data.memberships.values().stream()
                    .filter(m -> m.collectionId() == portfolioId && m.artifactId() == artifactId).findFirst();
            if (membership.isEmpty()) {
                return false;
            }
            data.memberships.remove(membership.get().id());
            if (membership.get().aliases().contains(LATEST)) {
                data.memberships.values().stream().filter(m -> m.collectionId() == portfolioId)
                        .max(Comparator.comparingInt(Membership::versionIndex))
                        .ifPresent(newest -> moveAlias(data, portfolio, newest, LATEST));
            }
            return true;
        });
    }

    /** An alias to put on an artifact in one collection. */
    public record CollectionAlias(ProjectRef project, String collection, String alias) {
    }

    /** addAliases: each alias moves onto the artifact's membership in the named collection. */
    public void addAliases(long artifactId, List<CollectionAlias> aliases) {
        aliases(aliases.stream().map(CollectionAlias::alias).toList());
        store.update(data -> {
            for (CollectionAlias alias : aliases) {
                ArtifactCollection collection = collectionIn(data, alias.project(), alias.collection())
                        .orElseThrow(() -> SandboxException.notFound("artifact collection " + alias.collection()
                                + " not found in " + alias.project()));
                Membership membership = data.memberships.values().stream()
                        .filter(m -> m.collectionId() == collection.id() && m.artifactId() == artifactId).findFirst()
                        .orElseThrow(() -> SandboxException.notFound("artifact " + Ids.of("Artifact", artifactId)
                                + " is not in " + alias.collection()));
                moveAlias(data, collection, membership, alias.alias());
            }
        });
    }

    /** deleteAliases: takes each alias off the artifact's membership in the named collection. */
    public void removeAliases(long artifactId, List<CollectionAlias> aliases) {
        store.update(data -> {
            for (CollectionAlias alias : aliases) {
                collectionIn(data, alias.project(), alias.collection()).ifPresent(collection ->
                        data.memberships.values().stream()
                                .filter(m -> m.collectionId() == collection.id() && m.artifactId() == artifactId)
                                .findFirst()
                                .ifPresent(m -> data.memberships.put(m.id(), m.withAliases(
                                        m.aliases().stream().filter(a -> !a.equals(alias.alias())).toList()))));
            }
        });
    }

    /**
     * updateArtifact: replaces description and metadata when given, adds and removes tags.
     */
    public Artifact edit(long artifactId, String description, Map<String, Object> metadata, List<String> addTags,
                         List<String> removeTags) {
        return store.write(data -> {
            Artifact artifact = data.artifacts.get(artifactId);
            if (artifact == null) {
                throw SandboxException.notFound("artifact " + Ids.of("Artifact", artifactId) + " not found");
            }
            Set<String> tags = new LinkedHashSet<>(artifact.tags());
            tags.addAll(addTags);
            tags.removeAll(removeTags);
            Artifact edited = artifact.edited(description != null ? description : artifact.description(),
                    metadata != null ? metadata : artifact.metadata(), new ArrayList<>(tags), clock.instant());
            data.artifacts.put(artifactId, edited);
            return edited;
        });
    }

    /**
     * The membership W&B's {@code artifactCollectionMembership(name)} finds: {@code name} is
     * {@code <collection>}, {@code <collection>:<alias>} or {@code <collection>:v<index>}.
     */
    public Optional<Version> find(ProjectRef project, String name) {
        int colon = name.lastIndexOf(':');
        String collectionName = colon < 0 ? name : name.substring(0, colon);
        String selector = colon < 0 ? LATEST : name.substring(colon + 1);
        return store.read(data -> collectionIn(data, project, collectionName)
                .flatMap(c -> membershipIn(data, c, selector).map(m -> versionOf(data, m))));
    }

    public Optional<Version> find(ArtifactCollection collection, String selector) {
        return store.read(data -> membershipIn(data, collection, selector).map(m -> versionOf(data, m)));
    }

    public Optional<Artifact> artifact(long id) {
        return store.read(data -> Optional.ofNullable(data.artifacts.get(id)));
    }

    public Optional<ArtifactCollection> collection(ProjectRef project, String name) {
        return store.read(data -> collectionIn(data, project, name));
    }

    public List<ArtifactCollection> collections(ProjectRef project, String type) {
        return store.read(data -> data.collections.values().stream()
                .filter(c -> c.project().equals(project) && (type == null || c.type().equals(type))).toList());
    }

    /** The artifact types used in a project, in order of first use. */
    public List<String> types(ProjectRef project) {
        return store.read(data -> data.collections.values().stream().filter(c -> c.project().equals(project))
                .map(ArtifactCollection::type).distinct().toList());
    }

    /** Every collection the artifact is in: its sequence first, then its links. */
    public List<Version> versions(Artifact artifact) {
        return store.read(data -> data.memberships.values().stream()
                .filter(m -> m.artifactId() == artifact.id())
                .map(m -> versionOf(data, m))
                .sorted(Comparator.comparing((Version v) -> v.collection().portfolio()).thenComparing(v -> v.membership().id()))
                .toList());
    }

    /** The artifact's membership in the sequence it was logged to. */
    public Version source(Artifact artifact) {
        return versions(artifact).get(0);
    }

    public Page<Version> versions(ArtifactCollection collection, String after, Integer first) {
        List<Version> sorted = store.read(data -> data.memberships.values().stream()
                .filter(m -> m.collectionId() == collection.id())
                .sorted(Comparator.comparingInt(Membership::versionIndex).reversed())
                .map(m -> versionOf(data, m)).toList());
        Predicate<Version> afterCursor = null;
        if (after != null && !after.isEmpty()) {
            long index = Cursors.number(Cursors.decode(after, 1).get(0), after);
            afterCursor = v -> v.membership().versionIndex() < index;
        }
        return Page.slice(sorted, first, v -> Cursors.encode(List.of(v.membership().versionIndex())), afterCursor);
    }

    /** The artifacts a run logged, oldest first. */
    public Page<Artifact> loggedBy(RunRef run, String after, Integer first) {
        List<Artifact> sorted = store.read(data -> data.artifacts.values().stream()
                .filter(a -> run.equals(a.createdBy())).sorted(Comparator.comparingLong(Artifact::id)).toList());
        Predicate<Artifact> afterCursor = null;
        if (after != null && !after.isEmpty()) {
            long id = Cursors.number(Cursors.decode(after, 1).get(0), after);
            afterCursor = a -> a.id() > id;
        }
        return Page.slice(sorted, first, a -> Cursors.encode(List.of(a.id())), afterCursor);
    }

    private static Membership addMembership(SandboxData data, ArtifactCollection collection, Artifact artifact,
                                            int index, List<String> aliases, Instant now) {
        Membership membership = new Membership(data.nextId(), collection.id(), artifact.id(), index, List.of(),
                data.created(now));
        data.memberships.put(membership.id(), membership);
        membership = moveAlias(data, collection, membership, LATEST);
        for (String alias : aliases) {
            membership = moveAlias(data, collection, membership, alias);
        }
        return membership;
    }

    /** Puts {@code alias} on {@code target}, taking it off whichever membership of the collection had it. */
    private static Membership moveAlias(SandboxData data, ArtifactCollection collection, Membership target, String alias) {
        for (Membership m : List.copyOf(data.memberships.values())) {
            if (m.collectionId() == collection.id() && m.id() != target.id() && m.aliases().contains(alias)) {
                data.memberships.put(m.id(), m.withAliases(m.aliases().stream().filter(a -> !a.equals(alias)).toList()));
            }
        }
        Set<String> aliases = new LinkedHashSet<>(data.memberships.get(target.id()).aliases());
        aliases.add(alias);
        Membership updated = target.withAliases(new ArrayList<>(aliases));
        data.memberships.put(updated.id(), updated);
        return updated;
    }

    private static Optional<Membership> membershipIn(SandboxData data, ArtifactCollection collection, String selector) {
        var version = VERSION.matcher(selector);
        boolean byIndex = version.matches();
        return data.memberships.values().stream()
                .filter(m -> m.collectionId() == collection.id())
                .filter(m -> byIndex ? m.versionIndex() == Integer.parseInt(version.group(1)) : m.aliases().contains(selector))
                .findFirst();
    }

    private static Version versionOf(SandboxData data, Membership membership) {
        return new Version(membership, data.artifacts.get(membership.artifactId()),
                data.collections.get(membership.collectionId()));
    }

    private static Optional<ArtifactCollection> collectionIn(SandboxData data, ProjectRef project, String name) {
        return data.collections.values().stream().filter(c -> c.project().equals(project) && c.name().equals(name))
                .findFirst();
    }

    /** Aliases as W&B accepts them: no '/' or ':', at most 128 characters, not a version like v3. */
    private static List<String> aliases(List<String> aliases) {
        if (aliases == null) {
            return List.of();
        }
        for (String alias : aliases) {
            if (alias == null || alias.isBlank() || alias.length() > 128 || alias.contains("/") || alias.contains(":")) {
                throw SandboxException.invalid("invalid alias \"" + alias
                        + "\": aliases are 1 to 128 characters without '/' or ':'");
            }
            if (VERSION.matcher(alias).matches()) {
                throw SandboxException.invalid("invalid alias \"" + alias + "\": version aliases are reserved");
            }
        }
        return aliases;
    }

    private static String digest(String seed) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
