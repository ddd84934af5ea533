package io.launchpilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterTest {

    record Row(String name, Integer count, List<String> tags) {
    }

    @Test
    void tableAlignsColumnsAndShowsMissingValuesAsDash() {
        List<Column<Row>> columns = List.of(Column.of("NAME", Row::name), Column.of("COUNT", Row::count),
                Column.of("TAGS", Row::tags));
        String table = Printer.table(List.of(new Row("a", 10, List.of("x", "y")), new Row("longer", null, List.of())),
                columns);
        assertEquals("""
                NAME    COUNT  TAGS
                a       10     x,y
                longer  -
                """, table);
    }

    @Test
    void longCellsAreCutAndNewlinesFlattened() {
        String table = Printer.table(List.of(new Row("x".repeat(70), 1, null), new Row("a\nb", 2, null)),
                List.of(Column.of("NAME", Row::name)));
        assertEquals("NAME\n" + "x".repeat(57) + "...\na b\n", table);
    }
}
