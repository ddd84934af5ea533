package io.launchpilot.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * GraphQL IDs shaped like W&B's: base64 of {@code Run:v1:<name>:<project>:<entity>},
 * {@code Project:v1:<name>:<entity>}, and {@code <Type>:<number>} for everything else.
 */
public final class Ids {

    private Ids() {
    }

    public static String run(RunRef ref) {
        return encode("Run:v1:" + ref.name() + ":" + ref.project() + ":" + ref.entity());
    }

    public static String project(ProjectRef ref) {
        return encode("Project:v1:" + ref.name() + ":" + ref.entity());
    }

    public static String of(String type, long number) {
        return encode(type + ":" + number);
    }

    /** An ID for something identified by names rather than a number (entities, artifact types). */
    public static String named(String type, String... names) {
        return encode(type + ":v1:" + String.join(":", names));
    }

    /** An alias has no row of its own in the sandbox: it is a name on a membership. */
    public static String alias(long membershipId, String alias) {
        return encode("ArtifactAlias:" + membershipId + ":" + alias);
    }

    /** The run named by a run ID, if {@code id} is one. */
    public static Optional<RunRef> parseRun(String id) {
        return decode(id).map(text -> text.split(":", 5))
                .filter(parts -> parts.length == 5 && parts[0].equals("Run") && parts[1].equals("v1"))
                .map(parts -> new RunRef(parts[4], parts[3], parts[2]));
    }

    /** The number inside an ID of the given type, if {@code id} is one. */
    public static OptionalLong parse(String type, String id) {
        Optional<String> text = decode(id).filter(t -> t.startsWith(type + ":"));
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.get().substring(type.length() + 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Like {@link #parse(String, String)}, failing with a W&B-like message. */
    public static long require(String type, String id) {
        return parse(type, id).orElseThrow(() -> SandboxException.invalid("invalid " + type + " id: " + id));
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> decode(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(id), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
