package io.launchpilot.policy;

import io.launchpilot.queue.QueuesConfig;
import io.launchpilot.spec.Position;
import io.launchpilot.spec.SpecFiles;
import io.launchpilot.spec.SpecProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads policies from {@code <launchpilot.config-dir>/policies/} (or other files and folders, or a
 * request body) and checks the set as a whole (one policy, one name). Either every policy is valid
 * and a {@link PolicySet} comes back, or a {@link PolicySpecException} lists every problem.
 */
@ApplicationScoped
public class PolicyLoader {

    /** The source name of policies that come in a request body rather than from a file. */
    public static final String BODY = "body";

    private final Path directory;
    private final PolicyParser parser = new PolicyParser();

    @Inject
    PolicyLoader(@ConfigProperty(name = QueuesConfig.CONFIG_DIR, defaultValue = QueuesConfig.DEFAULT_CONFIG_DIR)
            String configDir) {
        this(Path.of(configDir).resolve("policies"));
    }

    PolicyLoader(Path directory) {
        this.directory = directory;
    }

    /** {@code <launchpilot.config-dir>/policies}. */
    public Path defaultDirectory() {
        return directory;
    }

    /**
     * The policies in these files and folders ({@code *.yaml}, {@code *.yml}, recursively); none given
     * means {@link #defaultDirectory()}. A missing default folder holds no policies.
     *
     * @throws PolicySpecException if a path is missing or unreadable, or any policy has an error
     */
    public PolicySet load(List<Path> paths) {
        boolean defaults = paths == null || paths.isEmpty();
        if (defaults && !directory.toFile().exists()) {
            return PolicySet.EMPTY;
        }
        SpecFiles.Texts read = SpecFiles.read(defaults ? List.of(directory) : paths);
        return check(read.texts(), new ArrayList<>(read.problems()));
    }

    /** The policies of one text (YAML, one or more documents). */
    public PolicySet parse(String source, String text) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(source, text == null ? "" : text);
        return check(texts, new ArrayList<>());
    }

    private PolicySet check(Map<String, String> texts, List<SpecProblem> problems) {
        List<Policy> policies = new ArrayList<>();
        Map<String, Position> first = new LinkedHashMap<>();
        texts.forEach((source, text) -> {
            PolicyParser.Result result = parser.parse(source, text);
            problems.addAll(result.problems());
            for (Policy policy : result.policies()) {
                Position earlier = first.putIfAbsent(policy.name(), policy.position());
                if (earlier != null) {
                    problems.add(SpecProblem.error(policy.position(), "duplicate policy " + policy.name()
                            + ", already defined at " + earlier));
                } else {
                    policies.add(policy);
                }
            }
        });
        problems.sort(SpecProblem.ORDER);
        if (problems.stream().anyMatch(SpecProblem::isError)) {
            throw new PolicySpecException(problems);
        }
        return new PolicySet(policies, List.copyOf(texts.keySet()));
    }
}
