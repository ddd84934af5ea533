package io.launchpilot.queue;

import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.WandbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads queue specs from files, directories or a request body, and checks the set as a whole
 * (one queue, one spec). Either every spec is valid and a {@link QueueSpecSet} comes back, or a
 * {@link QueueSpecException} lists every problem: a set with an error is never applied in part.
 */
@ApplicationScoped
public class QueueSpecLoader {

    /** The source name of specs that come in a request body rather than from a file. */
    public static final String BODY = "body";

    private final Path directory;
    private final QueueSpecParser parser;

    @Inject
    QueueSpecLoader(@ConfigProperty(name = QueuesConfig.CONFIG_DIR, defaultValue = QueuesConfig.DEFAULT_CONFIG_DIR)
            String configDir, WandbConfig wandb) {
        this(Path.of(configDir).resolve("queues"), wandb.entity());
    }

    QueueSpecLoader(Path directory, Optional<String> defaultEntity) {
        this.directory = directory;
        this.parser = new QueueSpecParser(defaultEntity);
    }

    /** {@code <launchpilot.config-dir>/queues}. */
    public Path defaultDirectory() {
        return directory;
    }

    /**
     * The specs in these files and directories (directories are read recursively, {@code *.yaml} and
     * {@code *.yml}, skipping hidden entries such as a Kubernetes ConfigMap's {@code ..data}); none
     * given means {@link #defaultDirectory()}.
     *
     * @throws QueueSpecException if a path is missing or unreadable, or any spec has an error
     */
    public QueueSpecSet load(List<Path> paths) {
        List<Path> roots = paths == null || paths.isEmpty() ? List.of(defaultDirectory()) : paths;
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                problems.add(SpecProblem.error(Position.start(root.toString()), "no such file or directory"));
                continue;
            }
            for (Path file : files(root)) {
                try {
                    texts.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException | UncheckedIOException e) {
                    problems.add(SpecProblem.error(Position.start(file.toString()), "cannot read: " + e.getMessage()));
                }
            }
        }
        return check(texts, problems);
    }

    /** The specs of one text (YAML or JSON, one or more documents, or a list of specs). */
    public QueueSpecSet parse(String source, String text) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(source, text == null ? "" : text);
        return check(texts, new ArrayList<>());
    }

    /** The spec files under a root, in a stable order (by path); the root itself if it is a file. */
    static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> !hidden(root, path))
                    .filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new QueueSpecException(List.of(SpecProblem.error(Position.start(root.toString()),
                    "cannot list: " + e.getMessage())));
        }
    }

    private static boolean hidden(Path root, Path path) {
        for (Path part : root.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private QueueSpecSet check(Map<String, String> texts, List<SpecProblem> problems) {
        List<QueueDefinition> queues = new ArrayList<>();
        Map<QueueRef, Position> first = new LinkedHashMap<>();
        texts.forEach((source, text) -> {
            QueueSpecParser.Result result = parser.parse(source, text);
            problems.addAll(result.problems());
            for (QueueDefinition queue : result.queues()) {
                Position earlier = first.putIfAbsent(queue.ref(), queue.position());
                if (earlier != null) {
                    problems.add(SpecProblem.error(queue.position(), "duplicate queue " + queue.ref().path()
                            + ", already defined at " + earlier));
                } else {
                    queues.add(queue);
                }
            }
        });
        problems.sort(SpecProblem.ORDER);
        if (problems.stream().anyMatch(SpecProblem::isError)) {
            throw new QueueSpecException(problems);
        }
        return new QueueSpecSet(queues, problems, List.copyOf(texts.keySet()));
    }
}
