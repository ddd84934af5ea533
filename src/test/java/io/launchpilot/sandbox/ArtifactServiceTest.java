package io.launchpilot.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactServiceTest {

    private final Sandbox sandbox = new Sandbox();
    private final ProjectRef project = new ProjectRef("acme", "p");
    private final ProjectRef registry = new ProjectRef(Viewer.ORG_ENTITY, "wandb-registry-model");

    private ArtifactService.Version log(String name, String... aliases) {
        return sandbox.artifacts.log(project, null, "model", name, List.of(aliases), null, Map.of());
    }

    private List<String> aliasesOf(String name) {
        return sandbox.artifacts.find(project, name).orElseThrow().membership().aliases();
    }

    @Test
    void eachLogAddsTheNextVersionAndMovesLatest() {
        ArtifactService.Version v0 = log("m", "best");
        ArtifactService.Version v1 = log("m");
        assertEquals("m:v0", v0.name());
        assertEquals("m:v1", v1.name());
        assertEquals(List.of("best"), aliasesOf("m:v0"));
        assertEquals(List.of("latest"), aliasesOf("m:v1"));
        assertEquals(v1.artifact().id(), sandbox.artifacts.find(project, "m").orElseThrow().artifact().id());
        log("m", "best");
        assertEquals(List.of(), aliasesOf("m:v0"));
        assertEquals(List.of("latest", "best"), aliasesOf("m:best"));
    }

    @Test
    void linkingIntoARegistryNumbersVersionsThereAndUnlinkingMovesLatestBack() {
        ArtifactService.Version v0 = log("m");
        ArtifactService.Version v1 = log("m");
        ArtifactService.Version first = sandbox.artifacts.link(v0.artifact().id(), registry, "classifier", null, List.of("prod"));
        ArtifactService.Version second = sandbox.artifacts.link(v1.artifact().id(), registry, "classifier", null, List.of());
        assertEquals(0, first.membership().versionIndex());
        assertEquals(1, second.membership().versionIndex());
        assertTrue(first.collection().portfolio());
        assertEquals(List.of("prod"), sandbox.artifacts.find(registry, "classifier:v0").orElseThrow().membership().aliases());
        assertEquals(v1.artifact().id(), sandbox.artifacts.find(registry, "classifier:latest").orElseThrow().artifact().id());
        ArtifactService.Version again = sandbox.artifacts.link(v0.artifact().id(), registry, "classifier", null, List.of("champion"));
        assertEquals(0, again.membership().versionIndex());

        assertTrue(sandbox.artifacts.unlink(v1.artifact().id(), second.collection().id()));
        assertEquals(v0.artifact().id(), sandbox.artifacts.find(registry, "classifier:latest").orElseThrow().artifact().id());
        assertEquals(2, sandbox.artifacts.versions(v0.artifact()).size());
    }

    @Test
    void refusesBadAliasesAndMixedTypes() {
        log("m");
        assertThrows(SandboxException.class, () -> log("m2", "a/b"));
        assertThrows(SandboxException.class, () -> log("m2", "v3"));
        assertEquals(SandboxException.Kind.CONFLICT, assertThrows(SandboxException.class,
                () -> sandbox.artifacts.log(project, null, "dataset", "m", List.of(), null, Map.of())).kind());
    }
}
