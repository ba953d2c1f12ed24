package dev.escalation.core.report;

/** Checks of report values, with the field and the value in the message. */
final class ReportChecks {

    private ReportChecks() {}

    static long notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, but was " + value);
        }
        return value;
    }
}
