package dev.escalation.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every ```java block in README.md and docs/ must compile against the current API, so the docs
 * cannot drift from the code. Each block becomes the body of {@code run()} in a subclass of
 * {@link SnippetContext}, with the library's packages imported, unless it is a complete file that
 * opens with its package or imports.
 */
class DocSnippetsCompileTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern COMPLETE_FILE = Pattern.compile("\\s*(package|import) ");
    private static final String IMPORTS = String.join(
            "\n",
            "package dev.escalation.examples.docs;",
            "import dev.escalation.core.*;",
            "import dev.escalation.core.audit.*;",
            "import dev.escalation.core.calendar.*;",
            "import dev.escalation.core.memory.*;",
            "import dev.escalation.core.notification.*;",
            "import dev.escalation.core.policy.*;",
            "import dev.escalation.core.sla.*;",
            "import dev.escalation.core.spi.*;",
            "import dev.escalation.core.task.*;",
            "import dev.escalation.core.time.*;",
            "import dev.escalation.micrometer.*;",
            "import dev.escalation.jdbc.*;",
            "import dev.escalation.testkit.*;",
            "import dev.escalation.examples.adapter.*;",
            "import org.junit.jupiter.api.AfterEach;",
            "import org.junit.jupiter.api.Test;",
            "import javax.sql.DataSource;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.nio.file.*;",
            "import java.nio.charset.*;",
            "import java.io.*;",
            "import java.net.*;",
            "import com.sun.net.httpserver.*;",
            "import io.micrometer.core.instrument.*;",
            "import io.micrometer.prometheusmetrics.*;",
            "import static org.assertj.core.api.Assertions.*;");

    @Test
    void every_java_snippet_in_the_docs_compiles() throws IOException {
        Path root = projectRoot();
        List<JavaFileObject> units = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        try (Stream<Path> docs =
                Stream.concat(Stream.of(root.resolve("README.md")), Files.walk(root.resolve("docs")))) {
            for (Path doc :
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
                while (m.find()) {
                    String name = "Snippet" + units.size();
                    origins.add(name + " = " + root.relativize(doc) + " block " + (origins.size() + 1));
                    units.add(source(name, compilationUnit(name, m.group(1))));
                }
            }
        }
        assertThat(units).as("java snippets found").hasSizeGreaterThan(3);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        Path out = Files.createTempDirectory("snippets");
        boolean ok = compiler.getTask(
                        errors,
                        null,
                        null,
                        List.of(
                                "-classpath",
                                System.getProperty("java.class.path"),
                                "-d",
                                out.toString(),
                                "-proc:none"),
                        null,
                        units)
                .call();

        assertThat(ok)
                .as("snippets compile:%n%s%n%s", String.join("\n", origins), errors)
                .isTrue();
    }

    /**
     * A block that starts with its package or imports is a complete file, such as a host's test
     * class, and compiles as it stands; any other block is the body of a method.
     */
    private static String compilationUnit(String name, String block) {
        if (COMPLETE_FILE.matcher(block).lookingAt()) {
            return block;
        }
        return IMPORTS + "\nclass " + name + " extends SnippetContext {\n  void run() throws Exception {\n" + block
                + "\n  }\n}\n";
    }

    private static JavaFileObject source(String name, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root with docs/").isNotNull();
        return dir;
    }
}
