package dev.escalation.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * Core's module boundaries, on the main classes of core. Methods rather than rule fields: Surefire
 * 3.5.3 silently skips {@code @ArchTest} fields (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "dev.escalation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void core_depends_only_on_the_jdk_slf4j_and_jackson_annotations(JavaClasses classes) {
        ArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK_SLF4J_AND_JACKSON_ANNOTATIONS.check(classes);
    }

    @ArchTest
    void core_api_uses_no_internal_package(JavaClasses classes) {
        ArchitectureRules.CORE_API_USES_NO_INTERNAL_PACKAGE.check(classes);
    }

    @ArchTest
    void the_api_shows_no_internal_type(JavaClasses classes) {
        ArchitectureRules.API_SHOWS_NO_INTERNAL_TYPE.check(classes);
    }

    @ArchTest
    void internal_packages_stay_in_their_module(JavaClasses classes) {
        ArchitectureRules.INTERNALS_STAY_IN_THEIR_MODULE.check(classes);
    }
}
