package io.launchpilot.sandbox;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the control API answers: plain JSON shapes of the sandbox's records. */
final class ControlViews {

    private ControlViews() {
    }

    /** A run; {@code config} is unwrapped to plain values, {@code id} is its GraphQL id. */
    @RegisterForReflection
    record RunView(String id, String entity, String project, String name, String displayName, String state,
                   Map<String, Object> config, Map<String, Object> summary, List<String> tags, String group,
                   String jobType, String sweep, Instant createdAt, Instant updatedAt, Instant heartbeatAt) {

        static RunView of(Run run) {
            return new RunView(Ids.run(run.ref()), run.ref().entity(), run.ref().project(), run.ref().name(),
                    run.displayName(), run.state(), Configs.unwrap(run.config()), run.summary(), run.tags(), run.group(),
                    run.jobType(), run.sweep(), run.createdAt(), run.updatedAt(), run.heartbeatAt());
        }
    }

    /** A sweep; {@code config} is the YAML text W&B returns. */
    @RegisterForReflection
    record SweepView(String id, String entity, String project, String name, String displayName, String state,
                     String method, String config, Instant createdAt) {

        static SweepView of(Sweep sweep) {
            return new SweepView(Ids.of("Sweep", sweep.id()), sweep.project().entity(), sweep.project().name(),
                    sweep.name(), sweep.displayName(), sweep.state(), sweep.method(), sweep.config(), sweep.createdAt());
        }
    }

    /** An artifact version; {@code name} is {@code <collection>:v<index>}. */
    @RegisterForReflection
    record ArtifactView(String id, String entity, String project, String name, String collection, int versionIndex,
                        String type, List<String> aliases, String run, String digest, Instant createdAt) {

        static ArtifactView of(ArtifactService.Version version) {
            Artifact artifact = version.artifact();
            return new ArtifactView(Ids.of("Artifact", artifact.id()), version.collection().project().entity(),
                    version.collection().project().name(), version.name(), version.collection().name(),
                    version.membership().versionIndex(), artifact.type(), version.membership().aliases(),
                    artifact.createdBy() == null ? null : artifact.createdBy().name(), artifact.digest(),
                    artifact.createdAt());
        }
    }

    /** What reset did. */
    @RegisterForReflection
    record ResetView(boolean reset, String seed) {
    }

    /** RFC 9457 problem details. */
    @RegisterForReflection
    record Problem(String type, String title, int status, String detail) {
    }
}
