package io.launchpilot.queue;

import io.launchpilot.spec.SpecProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.launchpilot.wandb.PrioritizationMode;
import io.launchpilot.wandb.QueueRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Queue spec validation: every problem at once, each at its exact file:line:column. */
class QueueSpecParserTest {

    static final String VALID = String.join("\n",
            "apiVersion: launchpilot/v1",
            "kind: RunQueue",
            "metadata:",
            "  name: gpu-a100",
            "  entity: acme",
            "spec:",
            "  resource: kubernetes",
            "  prioritization: V0",
            "  config:",
            "    namespace: ml",
            "    gpus: \"{{gpus}}\"",
            "    args: [--epochs, 3, {lr: 0.5}]",
            "  templateVariables:",
            "    gpus:",
            "      description: GPUs per run",
            "      schema: { type: integer, default: 1, minimum: 1, maximum: 8 }",
            "  externalLinks:",
            "    dashboard: https://grafana.example/d/launch",
            "");

    private final QueueSpecLoader loader = new QueueSpecLoader(java.nio.file.Path.of("config/queues"), Optional.empty());

    private static List<String> lines(QueueSpecException e) {
        return e.problems().stream().map(SpecProblem::toString).toList();
    }

    private List<String> problems(String text) {
        return lines(assertThrows(QueueSpecException.class, () -> loader.parse("q.yaml", text)));
    }

    @Test
    void aValidSpecBecomesADefinition() {
        QueueSpecSet set = loader.parse("gpu.yaml", VALID);
        assertEquals(List.of(), set.warnings());
        QueueDefinition queue = set.queues().get(0);
        assertEquals(new QueueRef("acme", "gpu-a100"), queue.ref());
        assertEquals("kubernetes", queue.resource());
        assertEquals(PrioritizationMode.V0, queue.prioritization());
        assertEquals("gpu.yaml:4:9", queue.position().toString());
        assertEquals("gpu.yaml:8:19", queue.prioritizationPosition().toString());
        assertEquals(Map.of("namespace", "ml", "gpus", "{{gpus}}", "args", List.of("--epochs", 3, Map.of("lr", 0.5))),
                queue.config());
        VariableDefinition gpus = queue.templateVariables().get(0);
        assertEquals("GPUs per run", gpus.description());
        // canonical order, values as written
        assertEquals(List.of("type", "default", "minimum", "maximum"), List.copyOf(gpus.schema().keySet()));
        assertEquals(Map.of("type", "integer", "default", 1, "minimum", 1, "maximum", 8), gpus.schema());
        assertEquals(Map.of("dashboard", "https://grafana.example/d/launch"), queue.externalLinks());
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceAtItsPosition() {
        String text = String.join("\n",
                "apiVersion: launchpilot/v1",
                "kind: RunQueue",
                "metadata:",
                "  name: gpu-a100",
                "  entity: acme",
                "  labels: {team: ml}",
                "spec:",
                "  resource: kubernetes-job",
                "  prioritisation: V0",
                "  config:",
                "    image: \"{{image}}\"",
                "    gpus: \"{{gpus}}\"",
                "  templateVariables:",
                "    gpus:",
                "      schema:",
                "        type: integer",
                "        default: 12",
                "        maximum: 8",
                "    memory:",
                "      schema: {type: string, default: 4}",
                "    bad name:",
                "      schema: {type: float}");
        assertEquals(List.of(
                "q.yaml:6:3: unknown key \"labels\" in metadata; expected name, entity",
                "q.yaml:8:13: spec.resource must be one of gcp-vertex, kubernetes, local-container, local-process,"
                        + " sagemaker, got \"kubernetes-job\"",
                "q.yaml:9:3: unknown key \"prioritisation\" in spec; did you mean prioritization?",
                "q.yaml:11:12: {{image}} is not a declared template variable; declared: gpus, memory, bad name",
                "q.yaml:17:18: template variable gpus: schema.default must be at most 8, got 12",
                "q.yaml:20:39: template variable memory: schema.default must be a string, got 4 (quote it)",
                "q.yaml:21:5: template variable name \"bad name\" may only hold letters, digits, '_' and '-'",
                "q.yaml:22:22: template variable bad name: schema.type must be one of string, integer, number,"
                        + " got \"float\""),
                problems(text));
    }

    @Test
    void schemaRules() {
        String text = String.join("\n",
                "apiVersion: launchpilot/v1",
                "kind: RunQueue",
                "metadata: {name: q, entity: acme}",
                "spec:",
                "  resource: local-container",
                "  config: {a: '{{a}}', b: '{{b}}', c: '{{c}}', d: '{{d}}', e: '{{e}}'}",
                "  templateVariables:",
                "    a: {schema: {type: integer, minimum: 5, maximum: 2}}",
                "    b: {schema: {type: string, minimum: 1}}",
                "    c: {schema: {type: string, enum: [x, 2, x], default: y}}",
                "    d: {schema: {type: integer, enum: [1, 2.5, 9], maximum: 4}}",
                "    e: {schema: {type: number, enum: [], minimum: 0.5, default: 0.25}}",
                "    f: {description: unused, schema: {type: number}}",
                "    g: {schema: {default: 1}}");
        assertEquals(List.of(
                "q.yaml:8:54: template variable a: schema.maximum 2 is below schema.minimum 5",
                "q.yaml:9:41: template variable b: schema.minimum applies to integer and number variables only",
                "q.yaml:10:42: template variable c: schema.enum value must be a string, got 2",
                "q.yaml:10:45: template variable c: schema.enum lists \"x\" twice",
                "q.yaml:10:58: template variable c: schema.default must be one of [\"x\"], got \"y\"",
                "q.yaml:11:43: template variable d: schema.enum value must be an integer, got 2.5",
                "q.yaml:11:48: template variable d: schema.enum value must be at most 4, got 9",
                "q.yaml:12:38: template variable e: schema.enum must be a non-empty list of allowed values",
                "q.yaml:12:65: template variable e: schema.default must be at least 0.5, got 0.25",
                "q.yaml:13:5: warning: template variable f is declared but spec.config never uses {{f}}",
                "q.yaml:14:17: template variable g: schema.type is required: one of string, integer, number"),
                problems(text));
    }

    @Test
    void namesAreOneTo64Characters() {
        String name = "q".repeat(65);
        String text = VALID.replace("name: gpu-a100", "name: " + name);
        assertEquals(List.of("q.yaml:4:9: metadata.name must be 1 to 64 characters, got 65"), problems(text));
        assertEquals(List.of("q.yaml:4:9: metadata.name must be 1 to 64 characters, got 0"),
                problems(VALID.replace("name: gpu-a100", "name: ''")));
        assertEquals("q".repeat(64), loader.parse("q.yaml", VALID.replace("gpu-a100", "q".repeat(64)))
                .queues().get(0).ref().name());
    }

    @Test
    void duplicateQueuesAcrossDocumentsAreErrors() {
        String text = VALID + "---\n" + VALID;
        assertEquals(List.of("q.yaml:23:9: duplicate queue acme/gpu-a100, already defined at q.yaml:4:9"),
                problems(text));
    }

    @Test
    void requiredFieldsAndWrongShapes() {
        assertEquals(List.of(
                "q.yaml:1:1: kind is required: RunQueue",
                "q.yaml:1:13: apiVersion must be launchpilot/v1, got \"v1\"",
                "q.yaml:2:11: metadata.name is required",
                "q.yaml:2:11: metadata.entity is required (or set WANDB_ENTITY for specs that name none)",
                "q.yaml:3:7: spec.resource is required: one of gcp-vertex, kubernetes, local-container,"
                        + " local-process, sagemaker",
                "q.yaml:3:36: spec.config must be a mapping, got a list"),
                problems("apiVersion: v1\nmetadata: {}\nspec: {prioritization: V0, config: [1]}\n"));
        assertEquals(List.of("q.yaml:1:1: a queue spec must be a mapping with apiVersion, kind, metadata and spec"),
                problems("just text\n"));
    }

    @Test
    void theEntityDefaultsToWandbEntity() {
        QueueSpecLoader withEntity = new QueueSpecLoader(java.nio.file.Path.of("x"), Optional.of("team"));
        QueueSpecSet set = withEntity.parse("q.yaml", VALID.replace("  entity: acme\n", ""));
        assertEquals(new QueueRef("team", "gpu-a100"), set.queues().get(0).ref());
    }

    @Test
    void yamlSyntaxErrorsHaveTheirPosition() {
        assertEquals(List.of("q.yaml:3:15: not valid YAML: mapping values are not allowed here"),
                problems("apiVersion: launchpilot/v1\nkind: RunQueue\nmetadata: name: x\n"));
    }

    @Test
    void duplicateKeysAndLinks() {
        String text = VALID.replace("  resource: kubernetes\n", "  resource: kubernetes\n  resource: sagemaker\n")
                .replace("    dashboard: https://grafana.example/d/launch",
                        "    dashboard: grafana\n    managed-by: https://launchpilot.invalid/x");
        assertEquals(List.of(
                "q.yaml:8:3: spec: duplicate key \"resource\"",
                "q.yaml:19:16: external link \"dashboard\" must be an http(s) URL, got \"grafana\"",
                "q.yaml:20:5: external link label managed-by is reserved: Launchpilot marks the queues it manages"
                        + " with it"),
                problems(text));
    }

    @Test
    void prioritizationIsV0OrDisabled() {
        assertEquals(List.of("q.yaml:8:19: spec.prioritization must be V0 or DISABLED, got \"v0\" (write it in capitals)"),
                problems(VALID.replace("prioritization: V0", "prioritization: v0")));
        QueueDefinition plain = loader.parse("q.yaml", VALID.replace("  prioritization: V0\n", "")).queues().get(0);
        assertEquals(PrioritizationMode.DISABLED, plain.prioritization());
        assertNull(plain.prioritizationPosition());
    }

    @Test
    void jsonBodiesAndListsOfSpecsAreRead() {
        String json = "[{\"apiVersion\": \"launchpilot/v1\", \"kind\": \"RunQueue\",\n"
                + " \"metadata\": {\"name\": \"a\", \"entity\": \"acme\"},\n"
                + " \"spec\": {\"resource\": \"local-process\", \"config\": {\"x\": 1.5, \"t\": \"2024-01-01\"}}},\n"
                + " {\"apiVersion\": \"launchpilot/v1\", \"kind\": \"RunQueue\",\n"
                + " \"metadata\": {\"name\": \"b\", \"entity\": \"acme\"}, \"spec\": {\"resource\": \"sagemaker\"}}]";
        QueueSpecSet set = loader.parse(QueueSpecLoader.BODY, json);
        assertEquals(2, set.queues().size());
        assertEquals(Map.of("x", 1.5, "t", "2024-01-01"), set.queues().get(0).config());
        assertEquals("body:2:23", set.queues().get(0).position().toString());
        assertTrue(set.queues().get(1).config().isEmpty());
    }

    @Test
    void emptyTextHasNoQueues() {
        assertEquals(List.of(), loader.parse("q.yaml", "").queues());
        assertEquals(List.of(), loader.parse("q.yaml", "---\n# nothing\n").queues());
    }
}
