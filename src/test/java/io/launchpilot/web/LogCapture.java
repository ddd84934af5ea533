package io.launchpilot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Records every log line (message, parameters and stack trace, formatted) while open. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Formatter formatter = new SimpleFormatter();
    private final List<String> lines = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(formatter.format(record));
        levels.add(record.getLevel());
    }

    public synchronized String text() {
        return String.join("", lines);
    }

    /** The level of the first line that contains {@code text}, or null. */
    public synchronized Level levelOf(String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return levels.get(i);
            }
        }
        return null;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
