package io.launchpilot.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every meter Launchpilot registers has its row in the README's metrics table. */
class MetricNamesTest {

    @Test
    void everyMeterIsDocumentedInTheReadme() throws IOException, IllegalAccessException {
        String section = metricsSection(Files.readString(Path.of("README.md")));
        List<String> names = new ArrayList<>();
        for (Field field : MetricNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String name
                    && name.startsWith("launchpilot.")) {
                names.add(name);
            }
        }
        assertFalse(names.isEmpty());
        for (String name : names) {
            assertTrue(section.contains("| `" + name + "`"), name + " has no row in the README's metrics table");
        }
    }

    static String metricsSection(String readme) {
        Matcher heading = Pattern.compile("(?m)^#+ +Metrics\\b.*$").matcher(readme);
        assertTrue(heading.find(), "README.md has a Metrics section");
        Matcher next = Pattern.compile("(?m)^#+ ").matcher(readme);
        return readme.substring(heading.start(), next.find(heading.end()) ? next.start() : readme.length());
    }
}
