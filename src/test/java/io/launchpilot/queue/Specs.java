package io.launchpilot.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Queue spec texts and files for tests. */
public final class Specs {

    private Specs() {
    }

    /** A Kubernetes queue with one template variable; {@code extra} is added to spec.config. */
    public static String kubernetes(String entity, String name, String prioritization, String namespace) {
        return String.join("\n",
                "apiVersion: launchpilot/v1",
                "kind: RunQueue",
                "metadata:",
                "  name: " + name,
                "  entity: " + entity,
                "spec:",
                "  resource: kubernetes",
                prioritization == null ? "" : "  prioritization: " + prioritization,
                "  config:",
                "    namespace: " + namespace,
                "    resources: {limits: {nvidia.com/gpu: \"{{gpus}}\"}}",
                "  templateVariables:",
                "    gpus:",
                "      description: GPUs per run",
                "      schema: {type: integer, default: 1, minimum: 1, maximum: 8}",
                "  externalLinks:",
                "    dashboard: https://grafana.example/d/launch",
                "");
    }

    public static String local(String entity, String name) {
        return String.join("\n",
                "apiVersion: launchpilot/v1",
                "kind: RunQueue",
                "metadata: {name: " + name + ", entity: " + entity + "}",
                "spec:",
                "  resource: local-container",
                "  config: {env: [CPU=1]}",
                "");
    }

    public static Path write(Path directory, String file, String text) {
        try {
            Files.createDirectories(directory);
            return Files.writeString(directory.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
