package io.launchpilot.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled W&B runs filter: MongoDB query semantics over a run document (see the package
 * documentation for the document's keys).
 *
 * <ul>
 *   <li>Logical: {@code $and}, {@code $or}, {@code $nor} (non-empty arrays of filters).</li>
 *   <li>Per key: {@code $eq $ne $gt $gte $lt $lte $in $nin $exists $regex} (with
 *       {@code $options} among {@code imsx}); a plain value means {@code $eq}.</li>
 *   <li>A comparison on a missing key matches nothing; {@code $ne}, {@code $nin} and
 *       {@code $exists: false} match it, and so does equality with {@code null}.</li>
 *   <li>On an array value (tags) a condition matches when one element matches;
 *       {@code $ne}/{@code $nin} match when no element does.</li>
 * </ul>
 */
public final class RunFilter {

    private static final RunFilter ALL = new RunFilter(document -> true);

    private final Predicate<Map<String, Object>> predicate;

    private RunFilter(Predicate<Map<String, Object>> predicate) {
        this.predicate = predicate;
    }

    /** The empty filter {@code {}}. */
    public static RunFilter all() {
        return ALL;
    }

    /** Compiles a filter parsed from JSON; throws {@link FilterException} on a malformed filter. */
    public static RunFilter compile(Map<String, Object> filter) {
        return filter.isEmpty() ? ALL : new RunFilter(document(filter));
    }

    public boolean matches(Map<String, Object> document) {
        return predicate.test(document);
    }

    /** Documents matching both filters. */
    public RunFilter and(RunFilter other) {
        return this == ALL ? other : other == ALL ? this : new RunFilter(predicate.and(other.predicate));
    }

    private static Predicate<Map<String, Object>> document(Object filter) {
        if (!(filter instanceof Map<?, ?> map)) {
            throw new FilterException("a filter must be a JSON object, got: " + filter);
        }
        List<Predicate<Map<String, Object>>> parts = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            switch (key) {
                case "$and" -> {
                    List<Predicate<Map<String, Object>>> clauses = clauses(key, value);
                    parts.add(doc -> clauses.stream().allMatch(c -> c.test(doc)));
                }
                case "$or" -> {
                    List<Predicate<Map<String, Object>>> clauses = clauses(key, value);
                    parts.add(doc -> clauses.stream().anyMatch(c -> c.test(doc)));
                }
                case "$nor" -> {
                    List<Predicate<Map<String, Object>>> clauses = clauses(key, value);
                    parts.add(doc -> clauses.stream().noneMatch(c -> c.test(doc)));
                }
                default -> {
                    if (key.startsWith("$")) {
                        throw new FilterException("unknown top-level operator " + key);
                    }
                    Predicate<Object> condition = condition(key, value);
                    parts.add(doc -> condition.test(DocumentPath.resolve(doc, key)));
                }
            }
        }
        return doc -> parts.stream().allMatch(p -> p.test(doc));
    }

    private static List<Predicate<Map<String, Object>>> clauses(String operator, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new FilterException(operator + " must be a non-empty array of filters");
        }
        return list.stream().map(RunFilter::document).toList();
    }

    private static Predicate<Object> condition(String key, Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            return actual -> equalsMatch(actual, value);
        }
        long operators = map.keySet().stream().filter(k -> String.valueOf(k).startsWith("$")).count();
        if (operators == 0) {
            return actual -> equalsMatch(actual, value);
        }
        if (operators != map.size()) {
            throw new FilterException("cannot mix operators and plain keys in the condition on " + key);
        }
        List<Predicate<Object>> tests = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String operator = String.valueOf(entry.getKey());
            if (!operator.equals("$options")) {
                tests.add(operator(key, operator, entry.getValue(), map.get("$options")));
            } else if (!map.containsKey("$regex")) {
                throw new FilterException("$options without $regex on " + key);
            }
        }
        return actual -> tests.stream().allMatch(t -> t.test(actual));
    }

    private static Predicate<Object> operator(String key, String operator, Object argument, Object options) {
        return switch (operator) {
            case "$eq" -> actual -> equalsMatch(actual, argument);
            case "$ne" -> actual -> !equalsMatch(actual, argument);
            case "$gt" -> comparison(argument, c -> c > 0);
            case "$gte" -> comparison(argument, c -> c >= 0);
            case "$lt" -> comparison(argument, c -> c < 0);
            case "$lte" -> comparison(argument, c -> c <= 0);
            case "$in" -> {
                List<?> candidates = list(key, operator, argument);
                yield actual -> candidates.stream().anyMatch(c -> equalsMatch(actual, c));
            }
            case "$nin" -> {
                List<?> candidates = list(key, operator, argument);
                yield actual -> candidates.stream().noneMatch(c -> equalsMatch(actual, c));
            }
            case "$exists" -> {
                if (!(argument instanceof Boolean wanted)) {
                    throw new FilterException("$exists on " + key + " takes true or false");
                }
                yield actual -> (actual != DocumentPath.MISSING) == wanted;
            }
            case "$regex" -> {
                Pattern pattern = pattern(key, argument, options);
                yield actual -> anyElement(actual, v -> v instanceof String s && pattern.matcher(s).find());
            }
            default -> throw new FilterException("unknown operator " + operator + " on " + key);
        };
    }

    private static Predicate<Object> comparison(Object argument, IntPredicate test) {
        return actual -> argument != null && anyElement(actual,
                v -> Values.compare(v, argument).map(test::test).orElse(false));
    }

    /** Mongo equality: on an array, the whole array or any one element may equal the argument. */
    private static boolean equalsMatch(Object actual, Object argument) {
        if (actual == DocumentPath.MISSING) {
            return argument == null;
        }
        if (actual instanceof List<?> list && list.stream().anyMatch(v -> Values.equal(v, argument))) {
            return true;
        }
        return Values.equal(actual, argument);
    }

    private static boolean anyElement(Object actual, Predicate<Object> test) {
        if (actual == DocumentPath.MISSING) {
            return false;
        }
        if (actual instanceof List<?> list) {
            return list.stream().anyMatch(test);
        }
        return test.test(actual);
    }

    private static List<?> list(String key, String operator, Object argument) {
        if (!(argument instanceof List<?> list)) {
            throw new FilterException(operator + " on " + key + " takes an array");
        }
        return list;
    }

    private static Pattern pattern(String key, Object argument, Object options) {
        if (!(argument instanceof String regex)) {
            throw new FilterException("$regex on " + key + " takes a string");
        }
        int flags = 0;
        if (options != null) {
            if (!(options instanceof String letters)) {
                throw new FilterException("$options on " + key + " takes a string");
            }
            for (char letter : letters.toCharArray()) {
                flags |= switch (letter) {
                    case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    case 'm' -> Pattern.MULTILINE;
                    case 's' -> Pattern.DOTALL;
                    case 'x' -> Pattern.COMMENTS;
                    default -> throw new FilterException("unknown $options letter '" + letter + "' on " + key);
                };
            }
        }
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new FilterException("invalid $regex on " + key + ": " + e.getDescription());
        }
    }
}
