package io.launchpilot.web.auth;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured bearer tokens, kept only as SHA-256 digests. Two names with the same secret are refused
 * at start-up: which role such a token has would be a guess.
 */
@Singleton
public class BearerTokens {

    /** A token's name and role; never its secret. */
    public record Holder(String name, Role role) {
    }

    private record Entry(Holder holder, byte[] digest) {
    }

    private final List<Entry> entries;

    @Inject
    BearerTokens(AuthConfig config) {
        this(config.tokens());
    }

    BearerTokens(Map<String, AuthConfig.Token> tokens) {
        List<Entry> list = new ArrayList<>();
        tokens.forEach((name, token) -> {
            if (token.secret().isBlank()) {
                throw new IllegalArgumentException("launchpilot.auth.tokens." + name + ".secret is blank");
            }
            byte[] digest = Credentials.digest(token.secret());
            for (Entry other : list) {
                if (MessageDigest.isEqual(other.digest(), digest)) {
                    throw new IllegalArgumentException("launchpilot.auth.tokens." + name + " and ."
                            + other.holder().name() + " have the same secret; give each token its own");
                }
            }
            list.add(new Entry(new Holder(name, token.role()), digest));
        });
        this.entries = List.copyOf(list);
    }

    /** Whether any token is configured, i.e. whether the API asks for one. */
    public boolean enabled() {
        return !entries.isEmpty();
    }

    /** The holders, for the start-up log. */
    public List<Holder> holders() {
        return entries.stream().map(Entry::holder).toList();
    }

    /** Who holds {@code presented}; every token is compared, in constant time, whatever matches. */
    public Optional<Holder> holderOf(String presented) {
        byte[] digest = Credentials.digest(presented);
        Holder found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.holder();
            }
        }
        return Optional.ofNullable(found);
    }
}
