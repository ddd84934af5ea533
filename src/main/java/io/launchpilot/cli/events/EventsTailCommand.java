package io.launchpilot.cli.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.launchpilot.cli.OutputFormat;
import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.cli.UsageException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the newest events of a running {@code launchpilot serve}, then follows new ones. It reads
 * them through that server's REST API ({@code /api/v1/events} and its server-sent event stream), not
 * from the store: the embedded H2 file is held open by the server, and a PostgreSQL store needs no
 * credentials on the operator's machine this way.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, description = {
        "Print the newest events, then follow new ones as they are recorded (Ctrl-C to stop).",
        "Reads the REST API of a running `launchpilot serve` (--url); -o json prints one JSON object per line."})
public class EventsTailCommand extends PrintingCommand {

    static final int MAX_LINES = 1000;
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(2);

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${LAUNCHPILOT_URL:-http://127.0.0.1:8080}",
            description = "The Launchpilot server (default: $LAUNCHPILOT_URL or ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Only events of this type, or of a prefix ending with * (e.g. run.state_changed, run.*).")
    String type;

    @Option(names = "--subject", paramLabel = "SUBJECT",
            description = "Only events about this subject, or a prefix ending with * (e.g. acme/vision/*).")
    String subject;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10",
            description = "How many past events to print first, 0 to " + MAX_LINES + " (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--follow", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep printing new events (default); --no-follow prints the past events and exits.")
    boolean follow;

    @Option(names = "--count", paramLabel = "N",
            description = "Exit after N new events (for scripts that wait for something to happen).")
    Integer count;

    @Inject
    ObjectMapper mapper;

    private HttpClient http;
    private EventPrinter eventPrinter;

    @Override
    public Integer call() throws InterruptedException {
        check();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        eventPrinter = new EventPrinter(spec.commandLine().getOut(), output.format, mapper);
        long last = 0;
        JsonNode past = get(eventsUri(Map.of("order", "desc", "limit", String.valueOf(Math.max(1, lines)))));
        List<JsonNode> items = new ArrayList<>();
        past.path("items").forEach(items::add);
        if (!items.isEmpty()) {
            last = items.get(0).path("id").asLong();
        }
        for (int i = Math.min(lines, items.size()) - 1; i >= 0; i--) {
            eventPrinter.print(items.get(i));
        }
        if (!follow) {
            eventPrinter.flush();
            return 0;
        }
        follow(last);
        return 0;
    }

    private void check() {
        if (lines < 0 || lines > MAX_LINES) {
            throw new UsageException("--lines must be 0 to " + MAX_LINES + ", got " + lines);
        }
        if (count != null && count < 1) {
            throw new UsageException("--count must be at least 1, got " + count);
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new UsageException("--url must be an http(s) URL, got " + url);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Streams new events, reconnecting from the last one seen when the server closes the stream. */
    private void follow(long after) throws InterruptedException {
        long last = after;
        int seen = 0;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("after", String.valueOf(last));
            HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/events/stream", query))
                    .header("Accept", "text/event-stream").GET().build();
            HttpResponse<Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), String.join("\n", response.body().toList()));
            }
            try (Stream<String> body = response.body()) {
                Iterator<String> input = body.iterator();
                StringBuilder data = new StringBuilder();
                while (input.hasNext()) {
                    String line = input.next();
                    if (line.startsWith("data:")) {
                        data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                    } else if (line.isEmpty() && data.length() > 0) {
                        JsonNode event = read(data.toString());
                        data.setLength(0);
                        last = Math.max(last, event.path("id").asLong());
                        eventPrinter.print(event);
                        eventPrinter.flush();
                        if (count != null && ++seen >= count) {
                            return;
                        }
                    }
                }
            } catch (UncheckedIOException e) {
                // the server went away mid-stream; reconnect below from the last event printed
            }
            Thread.sleep(RECONNECT_WAIT.toMillis());
        }
    }

    private JsonNode get(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), response.body());
        }
        return read(response.body());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new IllegalStateException("cannot reach Launchpilot at " + url + " (is `launchpilot serve` running?)");
        } catch (IOException e) {
            throw new IllegalStateException("reading events from " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server's problem detail, in one line. */
    private RuntimeException failure(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = mapper.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                detail = problem.get("detail").asText();
            }
        } catch (JsonProcessingException notJson) {
            // keep the body as it came
        }
        String message = "Launchpilot at " + url + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        return status == 400 ? new UsageException(message) : new IllegalStateException(message);
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Launchpilot at " + url + " sent something that is not JSON", e);
        }
    }

    private URI eventsUri(Map<String, String> extra) {
        return uri("/api/v1/events", extra);
    }

    private URI uri(String path, Map<String, String> extra) {
        Map<String, String> query = new LinkedHashMap<>();
        if (type != null) {
            query.put("type", type);
        }
        if (subject != null) {
            query.put("subject", subject);
        }
        query.putAll(extra);
        StringBuilder text = new StringBuilder(url).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            text.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(text.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Events one at a time: a table row, one JSON object per line, or one YAML document each. */
    static final class EventPrinter {

        private static final String ROW = "%-6s  %-24s  %-24s  %-40s  %s%n";

        private final PrintWriter out;
        private final OutputFormat format;
        private final ObjectMapper json;
        private final ObjectMapper yaml;
        private boolean header;

        EventPrinter(PrintWriter out, OutputFormat format, ObjectMapper json) {
            this.out = out;
            this.format = format;
            this.json = json;
            this.yaml = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
        }

        void print(JsonNode event) {
            switch (format) {
                case json -> out.println(write(json, event));
                case yaml -> out.print(write(yaml, event));
                case table -> {
                    if (!header) {
                        out.printf(ROW, "ID", "OBSERVED", "TYPE", "SUBJECT", "DETAIL");
                        header = true;
                    }
                    out.printf(ROW, event.path("id").asText(), event.path("observedAt").asText(),
                            event.path("type").asText(), event.path("subject").asText(), detail(event.path("payload")));
                }
            }
        }

        void flush() {
            out.flush();
        }

        /** What a person wants to see at a glance: the transition, the keys, the new best. */
        static String detail(JsonNode payload) {
            if (payload.hasNonNull("from") || payload.hasNonNull("to")) {
                String text = payload.path("from").asText("-") + " -> " + payload.path("to").asText("-");
                return payload.hasNonNull("run") ? text + " (run " + payload.get("run").asText() + ")" : text;
            }
            if (payload.has("keys")) {
                List<String> keys = new ArrayList<>();
                payload.get("keys").forEach(key -> keys.add(key.asText()));
                return String.join(",", keys);
            }
            if (payload.hasNonNull("metric") && payload.hasNonNull("run")) {
                return payload.get("metric").asText() + " = " + payload.path("value").asText() + " (run "
                        + payload.get("run").asText() + ")";
            }
            return payload.hasNonNull("state") ? payload.get("state").asText() : "";
        }

        private static String write(ObjectMapper mapper, JsonNode value) {
            try {
                return mapper.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
