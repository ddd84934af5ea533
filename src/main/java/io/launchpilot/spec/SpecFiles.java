package io.launchpilot.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Which files of a folder hold specs: the same rule for queues and policies. */
public final class SpecFiles {

    private SpecFiles() {
    }

    /**
     * What a set of files and folders held.
     *
     * @param texts each spec file's text by its path, in {@link #files} order
     * @param problems a missing path, a folder that cannot be listed, a file that cannot be read
     */
    public record Texts(Map<String, String> texts, List<SpecProblem> problems) {
    }

    /** Reads every spec file under the roots; what cannot be read becomes a problem, not an exception. */
    public static Texts read(List<Path> roots) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                problems.add(SpecProblem.error(Position.start(root.toString()), "no such file or directory"));
                continue;
            }
            List<Path> files;
            try {
                files = files(root);
            } catch (UncheckedIOException e) {
                problems.add(SpecProblem.error(Position.start(root.toString()), "cannot list: " + e.getMessage()));
                continue;
            }
            for (Path file : files) {
                try {
                    texts.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException | UncheckedIOException e) {
                    problems.add(SpecProblem.error(Position.start(file.toString()), "cannot read: " + e.getMessage()));
                }
            }
        }
        return new Texts(texts, problems);
    }

    /** Names, sizes and times of the spec files of a folder: when it changes, the folder needs reading again. */
    public static String fingerprint(Path directory) {
        if (!Files.isDirectory(directory)) {
            return "missing";
        }
        StringBuilder text = new StringBuilder();
        try {
            for (Path file : files(directory)) {
                text.append(file).append(' ').append(Files.size(file)).append(' ')
                        .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            return "unreadable " + e.getMessage();
        }
        return text.toString();
    }

    /**
     * The {@code *.yaml} and {@code *.yml} files under a root, recursively and in a stable order (by
     * path), skipping hidden entries such as a Kubernetes ConfigMap's {@code ..data}; the root itself
     * if it is a file.
     *
     * @throws UncheckedIOException if the folder cannot be listed
     */
    public static List<Path> files(Path root) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
