package dev.escalation.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The project's module boundaries as ArchUnit rules, shared by every module's
 * {@code ArchitectureTest} (each checks the classes on its own class path):
 * <ul>
 *   <li>an {@code internal} package belongs to its module: nothing outside the module that owns
 *       {@code dev.escalation.x.internal} (the packages under {@code dev.escalation.x}) uses it;
 *   <li>the API never shows an internal type: no public or protected member, supertype or
 *       signature of a type in an API package mentions one, so an API check that excludes
 *       {@code internal} sees the whole API;
 *   <li>core's API packages depend on no internal package at all;
 *   <li>core depends on nothing but the JDK, SLF4J and the Jackson annotations.
 * </ul>
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** Nothing outside a module uses that module's internal packages. */
    public static final ArchRule INTERNALS_STAY_IN_THEIR_MODULE = classes()
            .that()
            .resideInAPackage("dev.escalation..")
            .should(new ArchCondition<JavaClass>("use no other module's internal package") {
                @Override
                public void check(JavaClass user, ConditionEvents events) {
                    for (Dependency dependency : user.getDirectDependenciesFromSelf()) {
                        Optional<String> owner =
                                moduleOwning(dependency.getTargetClass().getPackageName());
                        if (owner.isPresent() && !within(user.getPackageName(), owner.get())) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            })
            .allowEmptyShould(true);

    /** No public or protected part of an API type mentions an internal type. */
    public static final ArchRule API_SHOWS_NO_INTERNAL_TYPE = classes()
            .that(apiTypes())
            .should(new ArchCondition<JavaClass>("show no internal type in a public or protected signature") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    Stream.concat(
                                    Stream.concat(type.getRawSuperclass().stream(), type.getRawInterfaces().stream())
                                            .map(t -> new Use(type.getFullName() + " extends", t)),
                                    type.getMembers().stream()
                                            .filter(ArchitectureRules::visible)
                                            .flatMap(m -> types(m).stream().map(t -> new Use(m.getFullName(), t))))
                            .filter(use -> isInternal(use.type().getPackageName()))
                            .forEach(use -> events.add(SimpleConditionEvent.violated(
                                    type,
                                    use.where() + " shows internal type "
                                            + use.type().getName())));
                }
            })
            .allowEmptyShould(true);

    /** Core's API packages depend on no internal package: core's implementation is package-private beside its API. */
    public static final ArchRule CORE_API_USES_NO_INTERNAL_PACKAGE = classes()
            .that()
            .resideInAPackage("dev.escalation.core..")
            .and()
            .resideOutsideOfPackage("..internal..")
            .should()
            .onlyDependOnClassesThat(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("..internal..")))
            .allowEmptyShould(true);

    /** Core depends on the JDK, SLF4J, the Jackson annotations and itself, nothing else. */
    public static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK_SLF4J_AND_JACKSON_ANNOTATIONS = classes()
            .that()
            .resideInAPackage("dev.escalation.core..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.slf4j..", "com.fasterxml.jackson.annotation..", "dev.escalation.core..");

    private record Use(String where, JavaClass type) {}

    private static DescribedPredicate<JavaClass> apiTypes() {
        return DescribedPredicate.describe(
                "API types (public, outside internal packages)",
                type -> type.getPackageName().startsWith("dev.escalation.")
                        && !isInternal(type.getPackageName())
                        && type.getModifiers().contains(JavaModifier.PUBLIC));
    }

    private static boolean visible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static Set<JavaClass> types(JavaMember member) {
        if (member instanceof JavaField field) {
            return field.getType().getAllInvolvedRawTypes();
        }
        JavaCodeUnit code = (JavaCodeUnit) member;
        Set<JavaClass> types = new HashSet<>(code.getReturnType().getAllInvolvedRawTypes());
        code.getParameterTypes().forEach(p -> types.addAll(p.getAllInvolvedRawTypes()));
        code.getExceptionTypes().forEach(e -> types.addAll(e.getAllInvolvedRawTypes()));
        return types;
    }

    private static boolean isInternal(String packageName) {
        return moduleOwning(packageName).isPresent();
    }

    /** {@code dev.escalation.x} for a package {@code dev.escalation.x.internal[.y]}. */
    private static Optional<String> moduleOwning(String packageName) {
        int at = packageName.indexOf(".internal");
        boolean internal = at > 0
                && packageName.startsWith("dev.escalation.")
                && (packageName.length() == at + ".internal".length()
                        || packageName.charAt(at + ".internal".length()) == '.');
        return internal ? Optional.of(packageName.substring(0, at)) : Optional.empty();
    }

    private static boolean within(String packageName, String module) {
        return packageName.equals(module) || packageName.startsWith(module + ".");
    }
}
