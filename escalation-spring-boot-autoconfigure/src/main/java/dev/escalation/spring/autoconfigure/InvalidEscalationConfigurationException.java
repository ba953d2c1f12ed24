package dev.escalation.spring.autoconfigure;

/**
 * A policy, calendar or holiday file of the application's configuration that cannot be used; thrown
 * at start-up, so the application does not start. Its message names where the definition came from
 * ({@code escalation.policies[0]}, a resource), the JSON path and the value.
 */
public final class InvalidEscalationConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where the bad definition came from. */
    private final String source;

    /**
     * A bad definition.
     *
     * @param source where it came from: a property path or a resource
     * @param problem what is wrong, naming the JSON path and the value
     * @param cause   the validation's own exception
     */
    public InvalidEscalationConfigurationException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * Where the bad definition came from: a property path such as {@code escalation.policies[0]} or a resource.
     *
     * @return the source
     */
    public String source() {
        return source;
    }
}
