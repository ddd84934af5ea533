package io.launchpilot.sandbox;

import java.util.List;

/** W&B-style human run names ("brisk-fox-12") for runs created without one. */
final class DisplayNames {

    private static final List<String> ADJECTIVES = List.of("brisk", "calm", "daring", "eager", "fancy", "gentle",
            "hardy", "lucky", "misty", "noble", "proud", "quiet", "rosy", "sunny", "vivid", "wise");
    private static final List<String> NOUNS = List.of("fox", "owl", "hawk", "river", "field", "cloud", "pine",
            "wave", "moon", "star", "lake", "stone", "breeze", "dawn", "frost", "spark");

    private DisplayNames() {
    }

    /** A name picked by {@code seed} (any random text), numbered like W&B's. */
    static String generate(String seed, int number) {
        int hash = seed.hashCode() & Integer.MAX_VALUE;
        return ADJECTIVES.get(hash % ADJECTIVES.size()) + "-" + NOUNS.get((hash / ADJECTIVES.size()) % NOUNS.size())
                + "-" + number;
    }
}
