import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes or checks a module's public API description: every public or protected type and member
 * outside {@code internal} packages (and, once the module has a module-info, outside packages it
 * does not export), one type per block, sorted, with generic signatures, record components, enum
 * constants and sealed permits. The build runs it in each published module's verify phase:
 *
 * <pre>
 * java -cp &lt;the module's runtime class path&gt; tools/ApiBaseline.java CLASSES API_FILE UPDATE
 * </pre>
 *
 * With UPDATE {@code true} it (re)writes API_FILE; otherwise it fails when API_FILE differs from
 * the API in CLASSES, so an API change cannot land without its file. Reflection over the compiled
 * classes keeps it to the JDK: japicmp and revapi need a released artifact to compare with.
 */
public final class ApiBaseline {

    private static final String REGENERATE = "mvn -B -DskipTests verify -Dapi.update=true";

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ApiBaseline CLASSES_DIR API_FILE UPDATE(true|false)");
        }
        Path classes = Path.of(args[0]);
        Path apiFile = Path.of(args[1]);
        boolean update = Boolean.parseBoolean(args[2]);
        if (!Files.isDirectory(classes) && !Files.exists(apiFile)) {
            System.out.println("[api] no classes and no " + apiFile.getFileName() + ": nothing to check");
            return;
        }
        String actual = describe(classes);
        String module = apiFile.getFileName().toString().replaceFirst("\\.api$", "");
        if (update) {
            Files.createDirectories(apiFile.getParent());
            Files.writeString(apiFile, actual, StandardCharsets.UTF_8);
            System.out.println("[api] wrote " + apiFile);
            return;
        }
        if (!Files.exists(apiFile)) {
            fail(module, apiFile, "has no API file yet", List.of());
        }
        String expected = Files.readString(apiFile, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail(module, apiFile, "changed its public API", difference(expected, actual));
        }
        System.out.println("[api] " + module + ": the public API matches " + apiFile.getFileName());
    }

    private static void fail(String module, Path apiFile, String what, List<String> difference) {
        System.err.println("[api] " + module + " " + what + " (" + apiFile + ").");
        difference.forEach(line -> System.err.println("[api]   " + line));
        System.err.println("[api] If the change is intended, regenerate the file with");
        System.err.println("[api]   " + REGENERATE);
        System.err.println("[api] and commit it with the change, so that reviewers see the API change.");
        System.exit(1);
    }

    /** Per type, the lines only in the committed file (-) and only in the compiled classes (+); at most 40. */
    private static List<String> difference(String expected, String actual) {
        TreeMap<String, List<String>> before = blocks(expected);
        TreeMap<String, List<String>> after = blocks(actual);
        Set<String> types = new TreeSet<>(before.keySet());
        types.addAll(after.keySet());
        List<String> out = new ArrayList<>();
        for (String type : types) {
            List<String> was = before.getOrDefault(type, List.of());
            List<String> is = after.getOrDefault(type, List.of());
            List<String> changes = new ArrayList<>();
            was.stream().filter(l -> !is.contains(l)).forEach(l -> changes.add("  - " + l.strip()));
            is.stream().filter(l -> !was.contains(l)).forEach(l -> changes.add("  + " + l.strip()));
            if (!changes.isEmpty()) {
                out.add(type);
                out.addAll(changes);
            }
        }
        if (out.isEmpty()) {
            out.add("(the same lines in another order or layout)");
        }
        return out.size() > 40 ? out.subList(0, 40) : out;
    }

    /** The description's blocks: each type's header line with its header and member lines. */
    private static TreeMap<String, List<String>> blocks(String description) {
        TreeMap<String, List<String>> blocks = new TreeMap<>();
        List<String> current = null;
        for (String line : description.lines().toList()) {
            if (line.isBlank()) {
                current = null;
            } else if (current == null || !line.startsWith("  ")) {
                String type = line.replaceFirst("^.*? (class|interface|enum|record|@interface) ", "")
                        .replaceFirst("[<( ].*$", "");
                current = new ArrayList<>();
                current.add(line);
                blocks.put(type, current);
            } else {
                current.add(line);
            }
        }
        return blocks;
    }

    static String describe(Path classes) throws IOException, ClassNotFoundException {
        Optional<Set<String>> exported = exportedPackages(classes);
        TreeMap<String, String> types = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            name = name.substring(0, name.length() - ".class".length());
            if (name.endsWith("module-info") || name.endsWith("package-info")) {
                continue;
            }
            String pkg = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            if (Arrays.asList(pkg.split("\\.", -1)).contains("internal")
                    || exported.map(e -> !e.contains(pkg)).orElse(false)) {
                continue;
            }
            Class<?> type = Class.forName(name, false, ClassLoader.getSystemClassLoader());
            if (isApi(type)) {
                types.put(type.getCanonicalName(), describe(type));
            }
        }
        return String.join("\n", types.values());
    }

    /** Unqualified exports of module-info.class, if the module has one. */
    private static Optional<Set<String>> exportedPackages(Path classes) throws IOException {
        Path descriptor = classes.resolve("module-info.class");
        if (!Files.exists(descriptor)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(descriptor)) {
            return Optional.of(ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet()));
        }
    }

    /** Visible to users: public or protected itself and in every enclosing type; not synthetic. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (t.isSynthetic() || t.isAnonymousClass() || t.isLocalClass() || !visible(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String describe(Class<?> type) {
        StringBuilder out = new StringBuilder(header(type)).append('\n');
        // Sorted by kind (constants, fields, constructors, methods), then name, then signature.
        TreeMap<String, String> members = new TreeMap<>();
        for (Field f : type.getDeclaredFields()) {
            if (f.isEnumConstant()) {
                members.put("0 " + f.getName(), "constant " + f.getName());
            } else if (!f.isSynthetic() && visible(f.getModifiers())) {
                members.put(
                        "1 " + f.getName(),
                        modifiers(f, Modifier.fieldModifiers() & ~Modifier.TRANSIENT & ~Modifier.VOLATILE)
                                + name(f.getGenericType()) + " " + f.getName() + constantValue(f));
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (!c.isSynthetic() && visible(c.getModifiers())) {
                String text = modifiers(c, Modifier.constructorModifiers())
                        + typeParameters(c.getTypeParameters())
                        + type.getSimpleName() + signature(c);
                members.put("2 " + text, text);
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (!m.isSynthetic() && !m.isBridge() && visible(m.getModifiers())) {
                int shown = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL;
                if (!type.isInterface()) {
                    shown |= Modifier.ABSTRACT;
                }
                String text = modifiers(m, shown) + (m.isDefault() ? "default " : "")
                        + typeParameters(m.getTypeParameters())
                        + name(m.getGenericReturnType()) + " " + m.getName() + signature(m);
                members.put("3 " + m.getName() + " " + text, text);
            }
        }
        members.values().forEach(m -> out.append("  ").append(m).append('\n'));
        return out.toString();
    }

    /**
     * {@code " = value"} for a static final String or primitive: compilers copy such values into
     * their users' classes, so changing one (a meter name, a default) changes the API.
     */
    private static String constantValue(Field f) {
        int m = f.getModifiers();
        boolean constantType = f.getType().isPrimitive() || f.getType() == String.class;
        if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || !constantType) {
            return "";
        }
        try {
            f.setAccessible(true);
            Object value = f.get(null);
            if (value instanceof String text) {
                return " = \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
            return " = " + value;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }

    private static String header(Class<?> type) {
        int mask = type.isInterface()
                ? Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                : Modifier.classModifiers() & ~Modifier.STRICT;
        if (type.isEnum() || type.isRecord()) {
            mask &= ~Modifier.FINAL & ~Modifier.STATIC;
        }
        if (type.isInterface() || type.isEnum() || type.isRecord()) {
            mask &= ~Modifier.STATIC;
        }
        String kind = type.isAnnotation()
                ? "@interface"
                : type.isInterface() ? "interface" : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
        StringBuilder h = new StringBuilder(Modifier.toString(type.getModifiers() & mask));
        if (type.isSealed()) {
            h.append(" sealed");
        }
        h.append(' ').append(kind).append(' ').append(type.getCanonicalName());
        h.append(typeParameters(type.getTypeParameters()).stripTrailing());
        if (type.isRecord()) {
            h.append(Arrays.stream(type.getRecordComponents())
                    .map(c -> name(c.getGenericType()) + " " + c.getName())
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null
                && superclass != Object.class
                && !type.isEnum()
                && !type.isRecord()) {
            h.append(" extends ").append(name(superclass));
        }
        List<String> interfaces = Arrays.stream(type.getGenericInterfaces())
                .filter(i -> !type.isAnnotation())
                .map(ApiBaseline::name)
                .toList();
        if (!interfaces.isEmpty()) {
            h.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        if (type.isSealed()) {
            h.append(Arrays.stream(type.getPermittedSubclasses())
                    .map(Class::getCanonicalName)
                    .sorted()
                    .collect(Collectors.joining(", ", " permits ", "")));
        }
        return h.toString().strip();
    }

    private static String modifiers(Member member, int shown) {
        String m = Modifier.toString(member.getModifiers() & shown);
        return m.isEmpty() ? "" : m + " ";
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        return Arrays.stream(variables)
                        .map(v -> {
                            List<String> bounds = Arrays.stream(v.getBounds())
                                    .filter(b -> b != Object.class)
                                    .map(ApiBaseline::name)
                                    .toList();
                            return bounds.isEmpty()
                                    ? v.getName()
                                    : v.getName() + " extends " + String.join(" & ", bounds);
                        })
                        .collect(Collectors.joining(", ", "<", ">"))
                + " ";
    }

    private static String signature(Executable e) {
        Type[] parameters = e.getGenericParameterTypes();
        // Inner classes' and enums' constructors may report more parameters than their generic signature.
        if (parameters.length != e.getParameterCount()) {
            parameters = e.getParameterTypes();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            String n = name(parameters[i]);
            if (e.isVarArgs() && i == parameters.length - 1 && n.endsWith("[]")) {
                n = n.substring(0, n.length() - 2) + "...";
            }
            names.add(n);
        }
        String throwsClause = Arrays.stream(e.getGenericExceptionTypes())
                .map(ApiBaseline::name)
                .sorted()
                .collect(Collectors.joining(", "));
        return "(" + String.join(", ", names) + ")" + (throwsClause.isEmpty() ? "" : " throws " + throwsClause);
    }

    /** A type as it reads in Java source: canonical names, type arguments, wildcards, arrays. */
    static String name(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? name(c.getComponentType()) + "[]" : c.getCanonicalName();
        }
        if (type instanceof ParameterizedType p) {
            return name(p.getRawType())
                    + Arrays.stream(p.getActualTypeArguments())
                            .map(ApiBaseline::name)
                            .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + name(w.getLowerBounds()[0]);
            }
            Type upper = w.getUpperBounds()[0];
            return upper == Object.class ? "?" : "? extends " + name(upper);
        }
        if (type instanceof GenericArrayType a) {
            return name(a.getGenericComponentType()) + "[]";
        }
        if (type instanceof TypeVariable<?> v) {
            return v.getName();
        }
        return type.getTypeName();
    }

    private ApiBaseline() {}
}
