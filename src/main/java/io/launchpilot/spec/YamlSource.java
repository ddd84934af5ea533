package io.launchpilot.spec;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One source of user-written YAML (or JSON) specs, walked with SnakeYAML's node API so that every
 * problem carries its {@code file:line:column}: the queue specs and the policies read through it.
 * The problems collect here, all of them rather than the first; a parser reports into it and goes on.
 */
public class YamlSource {

    /** Nesting deeper than this is a mistake (or a recursive alias). */
    private static final int MAX_DEPTH = 64;


    private final String source;
    private final List<SpecProblem> problems = new ArrayList<>();
    private String[] lines = {};
    private final ScalarConstructor scalars = new ScalarConstructor();

    public YamlSource(String source) {
        this.source = source;
    }

    public Position position(Node node) {
        return position(node.getStartMark());
    }

    public Position position(Mark mark) {
        return mark == null ? Position.start(source) : new Position(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    public void error(Node node, String reason) {
        problems.add(SpecProblem.error(position(node), reason));
    }

    public void error(Mark mark, String reason) {
        problems.add(SpecProblem.error(position(mark), reason));
    }

    public int errorCount() {
        return (int) problems.stream().filter(SpecProblem::isError).count();
    }

    /** The node if it is a mapping (to match with instanceof), else null after reporting it. */
    public Node mapping(Node node, String what) {
        if (node instanceof MappingNode) {
            return node;
        }
        error(node, what + " must be a mapping, got " + describe(node));
        return null;
    }

    /** The entries of a mapping, with non-text keys, duplicate keys and merge keys reported and left out. */
    public List<NodeTuple> entries(MappingNode mapping, String what) {
        List<NodeTuple> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar) || isNull(key)) {
                error(key, what + ": keys must be text");
                continue;
            }
            if (key.getTag().equals(Tag.MERGE)) {
                error(key, what + ": merge keys (<<) are not supported; write the entries out");
                continue;
            }
            if (!seen.add(scalar.getValue())) {
                error(key, what + ": duplicate key " + shown(scalar.getValue()));
                continue;
            }
            result.add(tuple);
        }
        return result;
    }

    /** The known entries of a mapping by key; unknown keys are reported with the keys allowed. */
    public Map<String, NodeTuple> fields(MappingNode mapping, String what, Set<String> allowed) {
        Map<String, NodeTuple> result = new LinkedHashMap<>();
        for (NodeTuple tuple : entries(mapping, what)) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (allowed.contains(key)) {
                result.put(key, tuple);
            } else {
                String hint = closest(key, allowed);
                error(tuple.getKeyNode(), "unknown key " + shown(key) + " in " + what
                        + (hint != null ? "; did you mean " + hint + "?" : "; expected " + String.join(", ", allowed)));
            }
        }
        return result;
    }

    /** A scalar as text; null for a YAML null or a node that is not a scalar. */
    public String text(Node node) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            return null;
        }
        return scalar.getValue();
    }

    /** A scalar as its typed value (string, number, boolean), reported and null if it is anything else. */
    public Object scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            error(node, what + " must be a single value, got " + describe(node));
            return null;
        }
        if (isNull(node)) {
            error(node, what + " must not be null");
            return null;
        }
        return constructed(scalar, what);
    }

    /** A scalar as a JSON-ready value (string, number, boolean or null), reported and null if it is not one. */
    public Object constructed(ScalarNode scalar, String what) {
        Object value;
        try {
            value = scalars.construct(scalar);
        } catch (YAMLException e) {
            error(scalar, what + ": " + yamlProblem(e));
            return null;
        }
        if (value instanceof Double number && !Double.isFinite(number)) {
            error(scalar, what + ": " + scalar.getValue() + " is not a JSON number");
            return null;
        }
        if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            error(scalar, what + ": " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                    + " values cannot be sent to W&B as JSON");
            return null;
        }
        return value;
    }


    /**
     * A subtree as JSON-ready maps, lists and scalars. {@code texts} sees every text key and text value
     * with its node, e.g. to find placeholders in it and say where they stand.
     */
    public Object plain(Node node, String what, BiConsumer<String, Node> texts) {
        return plain(node, what, texts, 0);
    }

    private Object plain(Node node, String what, BiConsumer<String, Node> texts, int depth) {
        if (depth > MAX_DEPTH) {
            error(node, what + " nests deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (NodeTuple tuple : entries(mapping, what)) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                texts.accept(key, tuple.getKeyNode());
                result.put(key, plain(tuple.getValueNode(), what, texts, depth + 1));
            }
            return result;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> result = new ArrayList<>();
            sequence.getValue().forEach(item -> result.add(plain(item, what, texts, depth + 1)));
            return result;
        }
        ScalarNode scalar = (ScalarNode) node;
        if (isNull(scalar)) {
            return null;
        }
        Object value = constructed(scalar, what + " value");
        if (value instanceof String text) {
            texts.accept(text, scalar);
        }
        return value;
    }

    /** The documents of {@code text}; a YAML syntax error is reported and ends the reading. */
    public List<Node> documents(String text) {
        lines = text.split("\n", -1);
        List<Node> documents = new ArrayList<>();
        Iterator<Node> composed = yaml().composeAll(new StringReader(text)).iterator();
        while (true) {
            try {
                if (!composed.hasNext()) {
                    break;
                }
                documents.add(composed.next());
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                error(mark, "not valid YAML: " + yamlProblem(e));
                break;
            } catch (YAMLException e) {
                problems.add(SpecProblem.error(Position.start(source), "not valid YAML: " + e.getMessage()));
                break;
            }
        }
        return documents;
    }

    /** Every problem reported so far, in source order. */
    public List<SpecProblem> problems() {
        List<SpecProblem> sorted = new ArrayList<>(problems);
        sorted.sort(SpecProblem.ORDER);
        return List.copyOf(sorted);
    }

    /** Adds a problem found elsewhere (e.g. across documents). */
    public void report(SpecProblem problem) {
        problems.add(problem);
    }

    /** Line {@code number} (1-based) of the text read by {@link #documents}, or empty text past its end. */
    public String line(int number) {
        return number >= 1 && number <= lines.length ? lines[number - 1] : "";
    }

    public String source() {
        return source;
    }

    /** SnakeYAML's own scalar resolution (ints, floats, booleans) with timestamps kept as text. */
    private static final class ScalarConstructor extends SafeConstructor {

        ScalarConstructor() {
            super(loaderOptions());
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }

    static Yaml yaml() {
        return new Yaml(loaderOptions());
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        return options;
    }

    public static Node value(Map<String, NodeTuple> fields, String key) {
        NodeTuple tuple = fields.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** Whether a text is an absolute http or https URL with a host. */
    public static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "null" : shown(((ScalarNode) node).getValue());
    }

    public static String shown(String text) {
        return text == null ? "none" : "\"" + text + "\"";
    }

    static String yamlProblem(YAMLException e) {
        String problem = e instanceof MarkedYAMLException marked && marked.getProblem() != null
                ? marked.getProblem()
                : e.getMessage();
        int newline = problem == null ? -1 : problem.indexOf('\n');
        return newline < 0 ? String.valueOf(problem) : problem.substring(0, newline);
    }

    /** The allowed key a mistyped one most likely meant (by edit distance, at most 2 or a case change). */
    public static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = candidate.equalsIgnoreCase(key) ? 0 : distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= 2 ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    public static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
