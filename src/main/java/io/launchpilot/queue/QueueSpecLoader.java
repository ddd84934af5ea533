package io.launchpilot.queue;

import io.launchpilot.spec.Position;
import io.launchpilot.spec.SpecFiles;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.WandbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        SpecFiles.Texts read = SpecFiles.read(roots);
        return check(read.texts(), new ArrayList<>(read.problems()));
    }

    /** The specs of one text (YAML or JSON, one or more documents, or a list of specs). */
    public QueueSpecSet parse(String source, String text) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(source, text == null ? "" : text);
        return check(texts, new ArrayList<>());
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
