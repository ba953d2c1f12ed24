package dev.escalation.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import dev.escalation.core.architecture.ModuleBoundaries;

/** The module boundaries on the main classes of this module and of what it depends on. */
@AnalyzeClasses(packages = "dev.escalation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest extends ModuleBoundaries {}
