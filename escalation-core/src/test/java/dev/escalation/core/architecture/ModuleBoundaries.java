package dev.escalation.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The boundaries every module checks on its main classes and what it depends on ({@link
 * ArchitectureRules}). A module's test extends it under
 * {@code @AnalyzeClasses(packages = "dev.escalation", importOptions = DoNotIncludeTests.class)}.
 * Methods rather than rule fields: Surefire 3.5.3 silently skips {@code @ArchTest} fields
 * (TNG/ArchUnit#1442).
 */
public abstract class ModuleBoundaries {

    @ArchTest
    void internal_packages_stay_in_their_module(JavaClasses classes) {
        ArchitectureRules.INTERNALS_STAY_IN_THEIR_MODULE.check(classes);
    }

    @ArchTest
    void the_api_shows_no_internal_type(JavaClasses classes) {
        ArchitectureRules.API_SHOWS_NO_INTERNAL_TYPE.check(classes);
    }
}
