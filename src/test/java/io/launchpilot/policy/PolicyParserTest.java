package io.launchpilot.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.spec.SpecProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyParserTest {

    private final PolicyLoader loader = new PolicyLoader(Path.of("unused"));

    static final String ISSUE_EXAMPLE = """
            apiVersion: launchpilot/v1
            kind: Policy
            metadata: { name: promote-best-sweep-run }
            spec:
              on:
                - event: sweep.state_changed
                  scope: { entity: acme, project: vision }
                  where: { to: FINISHED }
              when:
                $and: [ { state: finished }, { summary_metrics.val_acc: { $gte: 0.92 } }, { tags: { $nin: [promoted] } } ]
              for: 10m
              do:
                - linkArtifact: { from: { run: "${run.path}", type: model, alias: latest }, to: "acme/wandb-registry-model/vision-prod", aliases: [staging] }
                - enqueue: { queue: acme/gpu-a100, job: "acme/vision/job-eval:latest", vars: { gpus: 2 }, config: { lr: "${run.config.lr}" }, priority: high }
                - tagRun: { add: [promoted] }
              limits: { cooldown: 10m, maxPerHour: 20 }
              mode: enforce
            """;

    @Test
    void readsTheIssueExample() {
        Policy policy = loader.parse("p.yaml", ISSUE_EXAMPLE).policies().get(0);
        assertEquals("promote-best-sweep-run", policy.name());
        Trigger.OnEvent trigger = (Trigger.OnEvent) policy.triggers().get(0);
        assertEquals("sweep.state_changed", trigger.type());
        assertEquals(new Scope("acme", "vision"), trigger.scope());
        assertTrue(trigger.where().matches(Map.of("to", "finished")), "FINISHED matches the watcher's lower-case state");
        assertEquals(Duration.ofMinutes(10), policy.holdFor());
        assertEquals(List.of("linkArtifact", "enqueue", "tagRun"),
                policy.actions().stream().map(ActionTemplate::type).toList());
        assertEquals(new Limits(Duration.ofMinutes(10), 20), policy.limits());
        assertEquals(PolicyMode.ENFORCE, policy.mode());
        assertEquals("p.yaml:13:7", policy.actions().get(0).position().toString());
    }

    @Test
    void readsScheduleAndWebhookTriggers() {
        Policy policy = loader.parse("p.yaml", """
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: nightly }
                spec:
                  on:
                    - schedule: { cron: "0 2 * * *", timezone: Europe/Berlin, concurrency: Forbid, startingDeadline: 10m }
                  do:
                    - log: { message: "tick ${schedule.time}" }
                  mode: audit
                ---
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: on-alias }
                spec:
                  on:
                    - webhook: { source: wandb, eventType: ADD_ARTIFACT_ALIAS }
                  do:
                    - log: { message: "${artifact.path} got ${event.alias}" }
                """).policies().get(0);
        Trigger.OnSchedule schedule = (Trigger.OnSchedule) policy.triggers().get(0);
        assertEquals(ZoneId.of("Europe/Berlin"), schedule.timezone());
        assertEquals(Trigger.Concurrency.FORBID, schedule.concurrency());
        assertEquals(Duration.ofMinutes(10), schedule.startingDeadline());
        assertNull(schedule.scope());
        assertEquals(PolicyMode.AUDIT, policy.mode());
    }

    @Test
    void reportsEveryProblemWithItsPosition() {
        List<String> problems = problems("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: broken }
                spec:
                  on:
                    - event: run.finished
                    - schedule: { cron: "61 * * * *", timezone: Mars/Olympus, concurrency: forbid }
                  when: { state: { $near: 1 } }
                  for: soon
                  do:
                    - tagRun: { add: [x], colour: red }
                    - promote: { run: "${run.path}" }
                    - log:
                        message: |
                          fine line
                          bad ${run.nope} here
                    - webhook: { url: "ftp://example.com" }
                    - enqueue: { queue: acme/gpu, job: j, image: i, priority: urgent }
                  limits: { cooldown: -1m, maxPerHour: 0 }
                  mode: loud
                  extra: 1
                """);
        assertEquals(List.of(
                "p.yaml:6:14: unknown event type \"run.finished\"; expected one of run.created, run.state_changed,"
                        + " run.summary_changed, sweep.created, sweep.state_changed, sweep.best_changed,"
                        + " queue.item_added, queue.item_state_changed, queue.drift_corrected",
                "p.yaml:7:25: schedule.cron \"61 * * * *\" is not a five-field Unix cron expression: "),
                problems.subList(0, 2).stream().map(p -> p.replaceAll("expression: .*", "expression: ")).toList());
        assertHas(problems, "p.yaml:7:49: schedule.timezone \"Mars/Olympus\" is not a time zone");
        assertHas(problems, "p.yaml:7:76: schedule.concurrency must be Allow, Forbid or Replace, got \"forbid\"");
        assertHas(problems, "p.yaml:8:20: spec.when: unknown operator $near");
        assertHas(problems, "p.yaml:9:8: spec.for must be a positive duration");
        assertHas(problems, "p.yaml:11:27: unknown key \"colour\" in tagRun");
        assertHas(problems, "p.yaml:12:7: unknown action \"promote\"");
        assertHas(problems, "p.yaml:16:15: unknown reference ${run.nope}");
        assertHas(problems, "p.yaml:17:23: webhook.url must be an http(s) URL");
        assertHas(problems, "p.yaml:18:16: enqueue needs exactly one of job or image");
        assertHas(problems, "p.yaml:18:63: enqueue.priority must be one of critical, high, low, medium, got \"urgent\"");
        assertHas(problems, "p.yaml:19:23: spec.limits.cooldown must be a positive duration");
        assertHas(problems, "p.yaml:19:40: spec.limits.maxPerHour must be a positive whole number");
        assertHas(problems, "p.yaml:20:9: spec.mode must be enforce or audit, got \"loud\"");
        assertHas(problems, "p.yaml:21:3: unknown key \"extra\" in spec");
    }

    @Test
    void referencesAndDefaultsMustBeFilledByEveryTrigger() {
        List<String> problems = problems("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: tick }
                spec:
                  on:
                    - schedule: { cron: "*/5 * * * *" }
                  do:
                    - tagRun: { add: [seen] }
                    - log: { message: "run ${run.path} at ${schedule.time}" }
                    - setSweepState: { state: pause }
                """);
        assertEquals(List.of(
                "p.yaml:8:7: tagRun without run acts on the subject run, and the schedule trigger at line 6 has none;"
                        + " name the run",
                "p.yaml:9:28: ${run.path}: the schedule trigger at line 6 has no run",
                "p.yaml:10:7: setSweepState without sweep acts on the subject sweep, and the schedule trigger at line 6"
                        + " has none; name the sweep"), problems);
    }

    @Test
    void whenNeedsASubjectRun() {
        assertEquals(List.of("p.yaml:6:9: spec.when is evaluated on a subject run, and the schedule trigger at line 5"
                + " has none (give the schedule a scope: its runs matching when become the subjects)"), problems("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: tick }
                spec:
                  on: [ { schedule: { cron: "0 * * * *" } } ]
                  when: { state: finished }
                  do: [ { log: { message: hi } } ]
                """));
    }

    @Test
    void reportsMissingPartsAndBadNames() {
        List<String> problems = problems("""
                apiVersion: launchpilot/v2
                kind: Policy
                metadata: { name: Not_OK }
                spec:
                  do: [ { log: {} } ]
                """);
        assertHas(problems, "p.yaml:1:13: apiVersion must be launchpilot/v1, got \"launchpilot/v2\"");
        assertHas(problems, "p.yaml:3:19: metadata.name must be 1 to 100 lower-case letters");
        assertHas(problems, "p.yaml:5:3: spec.on is required");
        assertHas(problems, "p.yaml:5:16: log.message is required");
    }

    @Test
    void reportsBadYamlAndBadExpressions() {
        assertHas(problems("a: [\n"), "p.yaml:2:1: not valid YAML");
        assertHas(problems("""
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: x }
                spec:
                  on: [ { event: run.state_changed } ]
                  do: [ { log: { message: "${run.config[lr]}" } }, { log: { message: "${run.path" } } ]
                """), "p.yaml:6:27: ${run.config[lr]} is not a reference");
    }

    @Test
    void duplicateNamesAcrossFilesAreReported(@TempDir Path dir) throws Exception {
        String policy = """
                apiVersion: launchpilot/v1
                kind: Policy
                metadata: { name: same }
                spec:
                  on: [ { event: run.state_changed } ]
                  do: [ { tagRun: { add: [x] } } ]
                """;
        Files.writeString(dir.resolve("a.yaml"), policy);
        Files.writeString(dir.resolve("b.yml"), policy);
        PolicySpecException e = assertThrows(PolicySpecException.class, () -> loader.load(List.of(dir)));
        assertEquals(List.of(dir.resolve("b.yml") + ":3:19: duplicate policy same, already defined at "
                + dir.resolve("a.yaml") + ":3:19"), e.problems().stream().map(SpecProblem::toString).toList());
    }

    private List<String> problems(String text) {
        PolicySpecException e = assertThrows(PolicySpecException.class, () -> loader.parse("p.yaml", text));
        return e.problems().stream().map(SpecProblem::toString).toList();
    }

    private static void assertHas(List<String> problems, String start) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)), "no problem starting with\n  " + start
                + "\nin\n  " + String.join("\n  ", problems));
    }
}
