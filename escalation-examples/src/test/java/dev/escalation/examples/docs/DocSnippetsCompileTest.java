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
 * cannot drift from the code. A block is compiled in one of three ways:
 *
 * <ul>
 *   <li>a complete file that opens with its package (a host's test class) is compiled as it stands;
 *   <li>a complete program (it opens with imports and declares a class, record, interface or enum)
 *       is compiled as it stands, so its imports must be complete;
 *   <li>a block that opens with imports and declares no type becomes the body of {@code run()} in a
 *       subclass of {@link SnippetContext} with those imports and no others, so the imports it shows
 *       suffice;
 *   <li>any other block becomes such a body with the library's packages imported (a class it declares
 *       is a local class there).
 * </ul>
 */
class DocSnippetsCompileTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final String PACKAGE = "package dev.escalation.examples.docs;";
    private static final String IMPORTS = String.join(
            "\n",
            "import dev.escalation.core.*;",
            "import dev.escalation.core.audit.*;",
            "import dev.escalation.core.calendar.*;",
            "import dev.escalation.core.memory.*;",
            "import dev.escalation.core.notification.*;",
            "import dev.escalation.core.policy.*;",
            "import dev.escalation.core.preview.*;",
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
                    JavaFileObject unit = compilationUnit("Snippet" + units.size(), m.group(1));
                    origins.add(unit.getName() + " = " + root.relativize(doc) + " block " + (origins.size() + 1));
                    units.add(unit);
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

    @Test
    void every_java_snippet_in_getting_started_shows_its_imports() throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(projectRoot().resolve("docs/getting-started.md")));
        List<String> snippets = new ArrayList<>();
        while (blocks.find()) {
            snippets.add(blocks.group(1).strip());
        }

        assertThat(snippets)
                .as("java snippets in docs/getting-started.md")
                .isNotEmpty()
                .allSatisfy(snippet -> assertThat(snippet).startsWith("import "));
    }

    /** The block as javac sees it: a program as it stands, or a method body with imports (see the class comment). */
    static JavaFileObject compilationUnit(String name, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            boolean header = body.isEmpty() && (line.isBlank() || line.startsWith("import ") || line.startsWith("//"));
            (header ? imports : body).append(line).append('\n');
        }
        boolean showsImports = imports.toString().contains("import ");
        boolean ownPackage = block.stripLeading().startsWith("package ");
        if (ownPackage || (showsImports && TOP_LEVEL_TYPE.matcher(body).find())) {
            Matcher publicType = PUBLIC_TYPE.matcher(body);
            return source(publicType.find() ? publicType.group(1) : name, block);
        }
        String header = showsImports ? imports.toString() : IMPORTS;
        return source(
                name,
                PACKAGE + "\n" + header + "\nclass " + name
                        + " extends SnippetContext {\n  void run() throws Exception {\n" + body + "\n  }\n}\n");
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
