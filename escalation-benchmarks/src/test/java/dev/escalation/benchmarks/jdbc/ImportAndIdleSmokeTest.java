package dev.escalation.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.benchmarks.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suite's idle-run and import table at toy size: every idle run is checked to find nothing due
 * and to count every open task, the import's chains to verify and its first checks to be spread
 * (the harness throws otherwise), by one caller and by two at once; this checks the table it reports. It never checks a timing.
 */
class ImportAndIdleSmokeTest {

    @Test
    void reports_the_idle_runs_and_the_import_beside_the_targets_with_the_load() throws Exception {
        List<String> progress = new ArrayList<>();

        Table table = ImportAndIdle.run(12_000, progress::add);

        assertThat(table.rows()).hasSize(6);
        assertThat(table.rows().get(0).get(1))
                .contains("median")
                .contains("p90")
                .contains("(25 runs)");
        assertThat(table.rows().get(0).get(3)).contains("2 ms median");
        assertThat(table.rows().get(3).get(0)).contains("`bulkImport()` of 12,000 new tasks");
        assertThat(table.rows().get(3).get(2)).endsWith(" tasks/s");
        assertThat(table.rows().get(3).get(3)).contains("50,000 tasks/s");
        assertThat(table.rows().get(4).get(0)).contains("the database's limit: the same task and audit rows");
        assertThat(table.rows().get(4).get(2)).endsWith(" tasks/s");
        assertThat(table.rows().get(4).get(3)).matches("import / limit = \\d+\\.\\d\\d");
        assertThat(table.rows().get(5).get(0)).contains("the same import over 2 connections at once");
        assertThat(table.rows().get(5).get(2)).endsWith(" tasks/s");
        assertThat(table.rows().get(5).get(3)).contains("50,000 tasks/s");
        assertThat(table.notes())
                .singleElement()
                .asString()
                .contains("intact")
                .contains("over 2 connections: intact")
                .contains("Load average");
        assertThat(progress).anyMatch(line -> line.startsWith("[import] 12,000 tasks over 1 connection"));
        assertThat(progress).anyMatch(line -> line.startsWith("[import] 12,000 tasks over 2 connection"));
        assertThat(progress)
                .anyMatch(line -> line.startsWith("[import] the database's limit: the same 12,000 tasks' rows"));
    }
}
