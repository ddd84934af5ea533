package io.launchpilot.cli;

/** Invalid input detected by a command itself (not by the parser): exit code 2 with this message. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
