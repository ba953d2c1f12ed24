package dev.escalation.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/** Core's module boundaries: those of every module, and core's own two. */
@AnalyzeClasses(packages = "dev.escalation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest extends ModuleBoundaries {

    @ArchTest
    void core_depends_only_on_the_jdk_slf4j_and_jackson_annotations(JavaClasses classes) {
        ArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK_SLF4J_AND_JACKSON_ANNOTATIONS.check(classes);
    }

    @ArchTest
    void core_api_uses_no_internal_package(JavaClasses classes) {
        ArchitectureRules.CORE_API_USES_NO_INTERNAL_PACKAGE.check(classes);
    }
}
