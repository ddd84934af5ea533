package io.launchpilot.cli;

import java.util.function.Function;

/** One column of a table: its header and how to read the cell from a row. */
public record Column<T>(String header, Function<T, ?> value) {

    public static <T> Column<T> of(String header, Function<T, ?> value) {
        return new Column<>(header, value);
    }
}
