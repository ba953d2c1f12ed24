/**
 * Tests for hosts: {@link dev.escalation.testkit.WorkflowRepositoryContract} is the behaviour every
 * {@link dev.escalation.core.spi.WorkflowRepository} must show, as JUnit 5 tests that a host runs
 * against its own adapter by extending one class. Take this module in test scope; it brings JUnit
 * Jupiter's API and AssertJ with it.
 */
package dev.escalation.testkit;
