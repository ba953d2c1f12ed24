package dev.escalation.core.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.escalation.core.Require;
import java.util.Locale;

/**
 * Who an escalation level goes to: a named user, or a role that the host's
 * {@link dev.escalation.core.spi.TargetResolver} turns into a user for the task at hand (the
 * department head of the requester, the on-call finance lead, ...).
 *
 * <p>Written as text, {@code "user:carol"} names a user and {@code "role:department_head"} or just
 * {@code "department_head"} names a role.
 *
 * @param kind user or role
 * @param name the user id or the role name
 */
public record EscalationTarget(Kind kind, String name) {

    /** Whether the target names a person directly or a role to resolve. */
    public enum Kind {
        /** A user, named by the id that the host's notifier understands. */
        USER,
        /** A role, which a {@link dev.escalation.core.spi.TargetResolver} turns into a user. */
        ROLE
    }

    /**
     * Validates the target.
     *
     * @param kind user or role
     * @param name the user id or the role name
     * @throws IllegalArgumentException when the kind is null or the name is blank
     */
    public EscalationTarget {
        Require.present("kind", kind);
        Require.text("escalation target name", name);
    }

    /**
     * The user {@code userId}.
     *
     * @param userId the user's id
     * @return the target
     */
    public static EscalationTarget user(String userId) {
        return new EscalationTarget(Kind.USER, userId);
    }

    /**
     * The role {@code role}, resolved to a user by the engine's {@link dev.escalation.core.spi.TargetResolver}.
     *
     * @param role the role's name
     * @return the target
     */
    public static EscalationTarget role(String role) {
        return new EscalationTarget(Kind.ROLE, role);
    }

    /**
     * Parses {@code "user:NAME"}, {@code "role:NAME"} or a bare role name.
     *
     * @param text the text to parse
     * @return the target it names
     * @throws IllegalArgumentException naming the text when it is blank or has an unknown prefix
     */
    @JsonCreator
    public static EscalationTarget parse(String text) {
        Require.text("escalation target", text);
        int colon = text.indexOf(':');
        if (colon < 0) {
            return role(text.trim());
        }
        String prefix = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String name = text.substring(colon + 1).trim();
        switch (prefix) {
            case "user":
                return user(name);
            case "role":
                return role(name);
            default:
                throw new IllegalArgumentException(
                        "escalation target must be 'user:NAME', 'role:NAME' or a role name, but was '" + text + "'");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
