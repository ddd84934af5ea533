package io.launchpilot.filter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Comparison of JSON-like values the way MongoDB does it: numbers numerically whatever their Java
 * type, strings lexicographically, instants chronologically (an ISO string meets an instant as an
 * instant), and values of different kinds never compare except for sorting, where kinds rank as
 * missing/null &lt; numbers &lt; strings &lt; objects &lt; arrays &lt; booleans &lt; dates.
 */
final class Values {

    private static final List<Function<String, Instant>> DATE_TIME_FORMS = List.of(
            Instant::parse,
            text -> OffsetDateTime.parse(text).toInstant(),
            text -> LocalDateTime.parse(text).toInstant(ZoneOffset.UTC),
            text -> LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));

    private Values() {
    }

    /** Whether two values are equal (deep for maps and lists). */
    static boolean equal(Object a, Object b) {
        if (a == DocumentPath.MISSING || a == null || b == DocumentPath.MISSING || b == null) {
            return absent(a) && absent(b);
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            Iterator<?> ia = la.iterator();
            Iterator<?> ib = lb.iterator();
            while (ia.hasNext()) {
                if (!equal(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        return compare(a, b).map(c -> c == 0).orElse(false);
    }

    /** The order of two values of the same kind; empty when they are of different kinds. */
    static Optional<Integer> compare(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            return Optional.of(compareNumbers(na, nb));
        }
        if (a instanceof String sa && b instanceof String sb) {
            return Optional.of(sa.compareTo(sb));
        }
        if (a instanceof Boolean ba && b instanceof Boolean bb) {
            return Optional.of(Boolean.compare(ba, bb));
        }
        Optional<Instant> ia = instant(a, b);
        Optional<Instant> ib = instant(b, a);
        if (ia.isPresent() && ib.isPresent()) {
            return Optional.of(ia.get().compareTo(ib.get()));
        }
        return Optional.empty();
    }

    /** A total order over all values, for sorting. */
    static int compareForSort(Object a, Object b) {
        int byRank = Integer.compare(rank(a), rank(b));
        if (byRank != 0) {
            return byRank;
        }
        if (absent(a)) {
            return 0;
        }
        return compare(a, b).orElseGet(() -> String.valueOf(a).compareTo(String.valueOf(b)));
    }

    /** Parses W&B's ISO date-times: with or without zone (UTC), with or without a time. */
    static Optional<Instant> parseInstant(String text) {
        for (Function<String, Instant> form : DATE_TIME_FORMS) {
            try {
                return Optional.of(form.apply(text));
            } catch (DateTimeParseException notThisForm) {
                // the next form may fit
            }
        }
        return Optional.empty();
    }

    private static boolean absent(Object value) {
        return value == null || value == DocumentPath.MISSING;
    }

    private static int rank(Object value) {
        if (absent(value)) {
            return 0;
        }
        if (value instanceof Number) {
            return 1;
        }
        if (value instanceof String) {
            return 2;
        }
        if (value instanceof Map) {
            return 3;
        }
        if (value instanceof List) {
            return 4;
        }
        if (value instanceof Boolean) {
            return 5;
        }
        return 6;
    }

    /** An instant for {@code value}; a string only counts as one when compared with an instant. */
    private static Optional<Instant> instant(Object value, Object other) {
        if (value instanceof Instant i) {
            return Optional.of(i);
        }
        if (value instanceof String s && other instanceof Instant) {
            return parseInstant(s);
        }
        return Optional.empty();
    }

    private static int compareNumbers(Number a, Number b) {
        if (!finite(a) || !finite(b)) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }
}
