package io.launchpilot.cli.queues;

import io.launchpilot.cli.PrintingCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchpilot.cli.UsageException;
import io.launchpilot.queue.EnqueueRejectedException;
import io.launchpilot.queue.EnqueueRequest;
import io.launchpilot.queue.EnqueueService;
import io.launchpilot.wandb.Priority;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.QueuedRun;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "enqueue", mixinStandardHelpOptions = true,
        description = {"Put a run on a W&B Launch queue, after checking it against the queue: template variable",
                "values against their schema (type, minimum, maximum, enum, required), and a priority only on a V0",
                "queue. A run that does not fit exits 2 and is not sent."})
public class EnqueueCommand extends PrintingCommand {

    static final List<String> PRIORITIES = List.of("critical", "high", "medium", "low");

    @Option(names = "--queue", required = true, paramLabel = "ENTITY/QUEUE", description = "The queue, e.g. demo/gpu-a100.")
    QueueRef queue;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** Exactly one of a job and an image, as launch_add requires. */
    static class What {
        @Option(names = "--job", paramLabel = "JOB", description = "A W&B job artifact, e.g. acme/vision/train:latest.")
        String job;

        @Option(names = "--image", paramLabel = "IMAGE", description = "A container image, e.g. python:3.12.")
        String image;
    }

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "A value for one of the queue's template variables (repeatable).")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--priority", paramLabel = "PRIORITY",
            description = "critical, high, medium or low (W&B: 0 to 3; 0 goes first). V0 queues only.")
    String priority;

    @Option(names = "--config", paramLabel = "FILE", description = "A JSON file with the run config (overrides.run_config).")
    Path config;

    @Option(names = "--project", paramLabel = "PROJECT", description = "The project the run logs to.")
    String project;

    @Inject
    EnqueueService service;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() {
        EnqueueRequest request = new EnqueueRequest(queue, what.job, what.image, new LinkedHashMap<>(variables),
                priority(), runConfig(), project);
        QueuedRun queued;
        try {
            queued = service.enqueue(request);
        } catch (EnqueueRejectedException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.violations().forEach(violation -> err.println("launchpilot: " + option(violation.field()) + ": "
                    + violation.reason()));
            err.flush();
            return 2;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("item", queued.itemId());
        fields.put("queue", queued.queue().path());
        fields.put("priority", priority == null ? "default" : priority.toLowerCase(Locale.ROOT));
        printOne(queued, fields);
        return 0;
    }

    private Priority priority() {
        if (priority == null) {
            return null;
        }
        String name = priority.strip().toLowerCase(Locale.ROOT);
        if (!PRIORITIES.contains(name)) {
            throw new UsageException("--priority must be one of " + String.join(", ", PRIORITIES) + ", got " + priority);
        }
        return Priority.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private Map<String, Object> runConfig() {
        if (config == null) {
            return null;
        }
        try {
            JsonNode parsed = mapper.readTree(Files.readString(config));
            if (parsed == null || !parsed.isObject()) {
                throw new UsageException("--config " + config + " must hold a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = mapper.convertValue(parsed, Map.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new UsageException("--config " + config + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("--config " + config + " cannot be read: " + e.getMessage());
        }
    }

    /** The option a violation is about, as the user typed it. */
    private static String option(String field) {
        if (field.startsWith("vars.")) {
            return "--var " + field.substring("vars.".length());
        }
        return "--" + field;
    }
}
