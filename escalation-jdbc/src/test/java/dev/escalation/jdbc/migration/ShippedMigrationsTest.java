package dev.escalation.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shipped migrations stay in step: every version exists for both databases, versions count up
 * from 1 without gaps (Citus's own versions counted in), and the Liquibase changelog runs each file on its own database.
 */
class ShippedMigrationsTest {

    @Test
    void every_version_ships_for_postgresql_and_h2_alike() throws Exception {
        assertThat(migrations("h2")).isEqualTo(migrations("postgresql")).isNotEmpty();
    }

    @Test
    void versions_count_up_from_1_without_a_gap() throws Exception {
        // Citus's own versions (db/escalation/citus/, run after the PostgreSQL ones before them) take
        // their numbers from the same sequence: V9 is Citus's, so PostgreSQL and H2 go from V8 to V10.
        List<String> files = new ArrayList<>(migrations("postgresql"));
        files.addAll(migrations("citus"));
        files.sort((a, b) -> Integer.compare(version(a), version(b)));

        for (int i = 0; i < files.size(); i++) {
            assertThat(files.get(i)).matches("V" + (i + 1) + "__[a-z0-9_]+\\.sql");
        }
    }

    @Test
    void the_liquibase_changelog_runs_each_shipped_file_on_its_own_database_in_order() throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> postgres = migrations("postgresql");
        List<String> h2 = migrations("h2");
        for (int i = 0; i < postgres.size(); i++) {
            expected.add("postgresql: postgresql/" + postgres.get(i));
            expected.add("h2: h2/" + h2.get(i));
        }

        assertThat(changelog()).isEqualTo(expected);
    }

    /** The migration files of one database, by version. */
    private static List<String> migrations(String database) throws URISyntaxException, java.io.IOException {
        Path folder = Path.of(ShippedMigrationsTest.class
                .getClassLoader()
                .getResource("db/escalation/" + database)
                .toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .toList();
        }
    }

    private static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }

    /** Each changeSet of the library's changelog as "dbms: sqlFile path", in order. */
    private static List<String> changelog() throws Exception {
        List<String> changeSets = new ArrayList<>();
        try (InputStream in =
                ShippedMigrationsTest.class.getClassLoader().getResourceAsStream("db/escalation/changelog.xml")) {
            NodeList nodes = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(in)
                    .getElementsByTagName("changeSet");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element changeSet = (Element) nodes.item(i);
                NodeList sqlFiles = changeSet.getElementsByTagName("sqlFile");
                assertThat(sqlFiles.getLength())
                        .as("sqlFiles in %s", changeSet.getAttribute("id"))
                        .isEqualTo(1);
                changeSets.add(
                        changeSet.getAttribute("dbms") + ": " + ((Element) sqlFiles.item(0)).getAttribute("path"));
            }
        }
        return changeSets;
    }
}
