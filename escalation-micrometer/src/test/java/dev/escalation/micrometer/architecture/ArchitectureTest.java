package dev.escalation.micrometer.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import dev.escalation.core.architecture.ArchitectureRules;

/** The module boundaries ({@link ArchitectureRules}) on the main classes of this module and what it depends on. */
@AnalyzeClasses(packages = "dev.escalation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void internal_packages_stay_in_their_module(JavaClasses classes) {
        ArchitectureRules.INTERNALS_STAY_IN_THEIR_MODULE.check(classes);
    }

    @ArchTest
    void the_api_shows_no_internal_type(JavaClasses classes) {
        ArchitectureRules.API_SHOWS_NO_INTERNAL_TYPE.check(classes);
    }
}
