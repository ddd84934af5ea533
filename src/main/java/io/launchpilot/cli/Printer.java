package io.launchpilot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints command results. JSON and YAML show the whole records (what scripts consume); tables show
 * the columns a person scans. Both serialisations come from the application's ObjectMapper so
 * dates and optionals print the same way everywhere.
 */
@ApplicationScoped
public class Printer {

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    Printer(ObjectMapper mapper) {
        this.json = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.yaml = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    public <T> void list(PrintWriter out, OutputFormat format, List<T> rows, List<Column<T>> columns) {
        switch (format) {
            case json -> out.println(write(json, rows));
            case yaml -> out.print(write(yaml, rows));
            case table -> out.print(table(rows, columns));
        }
        out.flush();
    }

    /** One object: a two-column key/value table, or the whole object as JSON/YAML. */
    public void one(PrintWriter out, OutputFormat format, Object value, Map<String, ?> fields) {
        switch (format) {
            case json -> out.println(write(json, value));
            case yaml -> out.print(write(yaml, value));
            case table -> {
                int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
                fields.forEach((k, v) -> out.println(pad(k.toUpperCase(), width) + "  " + cell(v)));
            }
        }
        out.flush();
    }

    static <T> String table(List<T> rows, List<Column<T>> columns) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (T row : rows) {
            cells.add(columns.stream().map(c -> cell(c.value().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i + 1 < line.length ? pad(line[i], widths[i]) + "  " : line[i]);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        String text = value.toString().replace('\n', ' ');
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
