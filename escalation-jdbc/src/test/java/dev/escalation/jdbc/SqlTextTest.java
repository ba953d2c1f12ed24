package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every value reaches SQL as a bound parameter; the only things spliced into SQL text are validated
 * identifiers. This scans escalation-jdbc's main sources for string concatenations that build SQL
 * (a chain of {@code +} with a literal that contains an SQL keyword) and allows as their
 * non-literal parts only:
 * <ul>
 *   <li>table names from {@code Tables} and {@code SchemaOptions} (validated identifiers);
 *   <li>placeholders ({@code Dialect.placeholders}, {@code StoreContext.tenantFilter}: only {@code ?}s and fixed text);
 *   <li>column lists of the library's own constants (also those {@code StateColumns} makes from its fixed names), and the
 *       dialects' {@code table}/{@code columns} parameters fed from them;
 *   <li>names (constants, fields, locals) whose own initializer passes these rules.
 * </ul>
 * A value spliced into SQL - an id, a tenant, a status read from somewhere - fails the test, naming the file and the operand.
 */
class SqlTextTest {

    private static final Pattern SQL =
            Pattern.compile("\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|WHERE|VALUES|SET|FROM|ORDER BY|"
                    + "LIMIT|RETURNING|ON CONFLICT|AND|OR)\\b");
    private static final List<Pattern> ALLOWED = List.of(
            // Table names: Tables' accessors and SchemaOptions' validated schema and prefix.
            Pattern.compile(
                    "(ctx\\.)?tables(\\(\\))?\\.(task|audit|auditChain|outbox|operatorRequest|policyPause|taskCount|taskCountChange)\\(\\)"),
            Pattern.compile("options\\.(schema\\(\\)\\.get\\(\\)|qualifiedPrefix\\(\\))"),
            // Placeholders and fixed fragments.
            Pattern.compile("Dialect\\.placeholders\\([\\w.()]+\\)"),
            Pattern.compile("StoreContext\\.tenantFilter\\([\\w.()]+\\)"),
            // The dialect's fixed collation clause for code-point order (a constant per database).
            Pattern.compile("(ctx\\.)?dialect\\(\\)\\.codePointOrder\\(\\)"),
            // The dialect's fixed tenant predicate (" AND tenant = ?" on Citus, nothing elsewhere; the tenant is
            // bound).
            Pattern.compile("(ctx\\.dialect\\(\\)|dialect|d)\\.sameTenant\\(\\)"),
            // Citus's join of a chain head to its rows on the distribution key: literals only.
            Pattern.compile("\\(dialect\\.distributed\\(\\)\\?\" AND h\\.tenant = a\\.tenant\":\"\"\\)"),
            // Column lists of the library's constants, and the dialects' parameters that carry them.
            Pattern.compile(
                    "String\\.join\\(\", \",(columns|[A-Z_]+|Collections\\.nCopies\\(rows,row\\)|List\\.of\\([A-Z_]+\\)\\.subList\\(\\d+,\\d+\\))\\)"),
            Pattern.compile("columns\\[0\\]"),
            // PostgresDialect.insertFromArrays' array parameters: "?::" + a column's fixed element type + "[]".
            Pattern.compile("String\\.join\\(\", \",arrays\\)"),
            // The escalation state's column lists, made from the fixed column names in StateColumns.
            Pattern.compile("StateColumns\\.(ASSIGNMENTS|ARRAY_ASSIGNMENTS|ARRAY_PARAMETERS|ARRAY_ALIASES)"));
    private static final Set<String> DIALECT_PARAMETERS = Set.of("table");
    /**
     * Operands a method is handed by its callers, each built from the identifiers and constants above: the
     * table and WHERE of a claim's plan by tenant, and the parts of a claim's candidates around its ORDER BY.
     */
    private static final Set<String> CALLER_BUILT = Set.of(
            "Tenants.java:table",
            "Tenants.java:where",
            "TaskClaims.java:candidates.substring(0,order)",
            "TaskClaims.java:candidates.substring(order)");

    @Test
    void the_main_sources_splice_nothing_but_validated_identifiers_into_sql() throws IOException {
        Map<Path, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, Files.readString(file));
            }
        }

        List<String> violations = scan(sources);

        assertThat(sources).hasSizeGreaterThan(20);
        assertThat(sqlChains(sources))
                .as("SQL built by concatenation, each checked")
                .isGreaterThan(30);
        assertThat(violations).isEmpty();
    }

    @Test
    void the_scan_finds_a_value_spliced_into_sql() {
        String bad = """
                class Bad {
                    private static final String COLUMNS = "id, status";
                    String find(String id, Tables tables) {
                        String table = tables.task();
                        return "SELECT " + COLUMNS + " FROM " + table + " WHERE id = '" + id + "'";
                    }
                    void purge(String status) {
                        run("DELETE FROM " + tables.outbox() + " WHERE status = " + status.toUpperCase());
                    }
                    String message(String id) {
                        return "task '" + id + "' is gone";
                    }
                }
                """;

        List<String> violations = scan(Map.of(Path.of("Bad.java"), bad));

        assertThat(violations)
                .containsExactly(
                        "Bad.java: 'id' in \"SELECT \" + COLUMNS + \" FROM \" + table + \" WHERE id = '\" + id + \"'\"",
                        "Bad.java: 'status.toUpperCase()' in \"DELETE FROM \" + tables.outbox() + \" WHERE status = \" + status.toUpperCase()");
    }

    // ---- a small scanner: tokens, then chains of operands joined by + --------------------------

    private record Token(String text, boolean literal) {}

    private record Chain(List<String> operands, List<Boolean> literals) {
        boolean isSql() {
            for (int i = 0; i < operands.size(); i++) {
                if (literals.get(i) && SQL.matcher(operands.get(i)).find()) {
                    return true;
                }
            }
            return false;
        }

        String text() {
            return String.join(" + ", operands);
        }
    }

    static long sqlChains(Map<Path, String> sources) {
        return sources.values().stream()
                .mapToLong(text ->
                        chains(tokenize(text)).stream().filter(Chain::isSql).count())
                .sum();
    }

    static List<String> scan(Map<Path, String> sources) {
        Map<Path, List<Token>> tokens = new LinkedHashMap<>();
        sources.forEach((file, text) -> tokens.put(file, tokenize(text)));
        Set<String> safeNames = new HashSet<>();
        // Names whose initializer passes the rules are safe; repeat until nothing changes (constants referring to
        // constants).
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Path, List<Token>> file : tokens.entrySet()) {
                String type = file.getKey().getFileName().toString().replace(".java", "");
                for (Map.Entry<String, List<Chain>> declaration :
                        declarations(file.getValue()).entrySet()) {
                    boolean safe = declaration.getValue().stream()
                            .allMatch(chain -> unsafeOperands(chain, safeNames, file.getKey())
                                    .isEmpty());
                    // Unqualified names count in their own file only; Type.NAME counts everywhere.
                    if (safe
                            && (safeNames.add(file.getKey() + ":" + declaration.getKey())
                                    | safeNames.add(type + "." + declaration.getKey()))) {
                        changed = true;
                    }
                }
            }
        }
        List<String> violations = new ArrayList<>();
        tokens.forEach((file, list) -> {
            for (Chain chain : chains(list)) {
                if (chain.isSql()) {
                    for (String operand : unsafeOperands(chain, safeNames, file)) {
                        violations.add(file.getFileName() + ": '" + operand + "' in " + chain.text());
                    }
                }
            }
        });
        return violations;
    }

    private static List<String> unsafeOperands(Chain chain, Set<String> safeNames, Path file) {
        List<String> unsafe = new ArrayList<>();
        for (int i = 0; i < chain.operands().size(); i++) {
            String operand = chain.operands().get(i);
            boolean dialectParameter =
                    file.getFileName().toString().endsWith("Dialect.java") && DIALECT_PARAMETERS.contains(operand)
                            || CALLER_BUILT.contains(file.getFileName() + ":" + operand);
            boolean safeName =
                    safeNames.contains(file + ":" + operand) || operand.contains(".") && safeNames.contains(operand);
            if (!chain.literals().get(i)
                    && !safeName
                    && !dialectParameter
                    && ALLOWED.stream().noneMatch(p -> p.matcher(operand).matches())) {
                unsafe.add(operand);
            }
        }
        return unsafe;
    }

    /** {@code String NAME = <chain>;}, {@code this.name = <chain>;} and {@code String[] NAME = {...}} initializers, by name. */
    private static Map<String, List<Chain>> declarations(List<Token> tokens) {
        Map<String, List<Chain>> declarations = new LinkedHashMap<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            boolean typed = tokens.get(i).text().equals("String")
                    && isName(tokens.get(i + 1))
                    && tokens.get(i + 2).text().equals("=");
            boolean field = tokens.get(i).text().equals("this")
                    && tokens.get(i + 1).text().equals(".")
                    && i + 4 < tokens.size()
                    && isName(tokens.get(i + 2))
                    && tokens.get(i + 3).text().equals("=");
            boolean array = tokens.get(i).text().equals("String")
                    && tokens.get(i + 1).text().equals("[")
                    && i + 5 < tokens.size()
                    && isName(tokens.get(i + 3))
                    && tokens.get(i + 4).text().equals("=")
                    && tokens.get(i + 5).text().equals("{");
            if (typed) {
                declarations
                        .computeIfAbsent(tokens.get(i + 1).text(), n -> new ArrayList<>())
                        .add(chainAt(tokens, i + 3));
            } else if (field) {
                declarations
                        .computeIfAbsent(tokens.get(i + 2).text(), n -> new ArrayList<>())
                        .add(chainAt(tokens, i + 4));
            } else if (array) {
                List<Chain> elements = new ArrayList<>();
                int j = i + 6;
                while (j < tokens.size() && !tokens.get(j).text().equals("}")) {
                    Chain element = chainAt(tokens, j);
                    elements.add(element);
                    j = skipOperands(tokens, j) + 1;
                }
                declarations
                        .computeIfAbsent(tokens.get(i + 3).text(), n -> new ArrayList<>())
                        .addAll(elements);
            }
        }
        return declarations;
    }

    /** Every chain of two or more operands joined by {@code +}, starting after a token that can open an expression. */
    private static List<Chain> chains(List<Token> tokens) {
        Set<String> starters = Set.of("(", ",", "=", "+=", "return", "?", ":", "->", "{", ";");
        List<Chain> chains = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            if (starters.contains(tokens.get(i - 1).text())) {
                Chain chain = chainAt(tokens, i);
                if (chain.operands().size() > 1) {
                    chains.add(chain);
                }
            }
        }
        return chains;
    }

    private static Chain chainAt(List<Token> tokens, int start) {
        List<String> operands = new ArrayList<>();
        List<Boolean> literals = new ArrayList<>();
        int i = start;
        while (i < tokens.size()) {
            int end = operandEnd(tokens, i);
            if (end <= i) {
                break;
            }
            StringBuilder text = new StringBuilder();
            for (int k = i; k < end; k++) {
                text.append(tokens.get(k).text());
            }
            operands.add(end - i == 1 && tokens.get(i).literal() ? tokens.get(i).text() : text.toString());
            literals.add(end - i == 1 && tokens.get(i).literal());
            if (end < tokens.size() && tokens.get(end).text().equals("+")) {
                i = end + 1;
            } else {
                break;
            }
        }
        return new Chain(operands, literals);
    }

    private static int skipOperands(List<Token> tokens, int start) {
        int depth = 0;
        int i = start;
        for (; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            if (depth == 0 && (t.equals(",") || t.equals("}"))) {
                return t.equals("}") ? i - 1 : i;
            }
            depth += t.equals("(") || t.equals("[") ? 1 : t.equals(")") || t.equals("]") ? -1 : 0;
        }
        return i;
    }

    /** The end (exclusive) of the operand at {@code i}: a literal, or a name with its calls, fields and indexes. */
    private static int operandEnd(List<Token> tokens, int i) {
        Token first = tokens.get(i);
        if (first.literal()) {
            return i + 1;
        }
        int j = i;
        if (first.text().equals("(")) {
            j = matching(tokens, j) + 1;
        } else if (isName(first) || Character.isDigit(first.text().charAt(0))) {
            j++;
        } else {
            return i;
        }
        while (j < tokens.size()) {
            String t = tokens.get(j).text();
            if (t.equals(".") && j + 1 < tokens.size() && isName(tokens.get(j + 1))) {
                j += 2;
            } else if (t.equals("(") || t.equals("[")) {
                j = matching(tokens, j) + 1;
            } else {
                break;
            }
        }
        return j;
    }

    private static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            String t = tokens.get(k).text();
            depth += t.equals("(") || t.equals("[") ? 1 : t.equals(")") || t.equals("]") ? -1 : 0;
            if (depth == 0) {
                return k;
            }
        }
        return tokens.size() - 1;
    }

    private static boolean isName(Token token) {
        return !token.literal() && Character.isJavaIdentifierStart(token.text().charAt(0));
    }

    private static List<Token> tokenize(String source) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? n : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                tokens.add(new Token("\"" + source.substring(i + 3, end).strip() + "\"", true));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                tokens.add(new Token(source.substring(i, j + 1), c == '"'));
                i = j + 1;
            } else if (Character.isJavaIdentifierPart(c)) {
                int j = i;
                while (j < n
                        && (Character.isJavaIdentifierPart(source.charAt(j))
                                || (Character.isDigit(c) && source.charAt(j) == '.'))) {
                    j++;
                }
                tokens.add(new Token(source.substring(i, j), false));
                i = j;
            } else if (source.startsWith("+=", i)
                    || source.startsWith("->", i)
                    || source.startsWith("::", i)
                    || source.startsWith("==", i)
                    || source.startsWith("!=", i)
                    || source.startsWith("&&", i)
                    || source.startsWith("||", i)) {
                tokens.add(new Token(source.substring(i, i + 2), false));
                i += 2;
            } else {
                tokens.add(new Token(String.valueOf(c), false));
                i++;
            }
        }
        return tokens;
    }
}
