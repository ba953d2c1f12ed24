package dev.escalation.jdbc;

import dev.escalation.core.policy.PolicyVersion;
import dev.escalation.core.task.EscalationState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The escalation state's task columns, named once. The single-row assignments and their binding,
 * and the set-based compare-and-swap's arrays (PostgreSQL), all follow this list: a state column
 * added here is written by every statement that writes the state. When the set-based statement
 * named its columns anew, it once missed four that a migration had added, and PostgreSQL silently
 * kept their old values.
 */
final class StateColumns {

    /** In the order of {@link #ASSIGNMENTS} and of the arrays. */
    static final List<Column> ALL = List.of(
            new IntColumn("cycle", EscalationState::cycle),
            new InstantColumn("warned_at", EscalationState::warnedAt),
            new IntColumn("reminders_sent", EscalationState::remindersSent),
            new IntColumn("escalation_level", EscalationState::level),
            new InstantColumn("last_escalated_at", EscalationState::lastEscalatedAt),
            new IntColumn("re_escalations", EscalationState::reEscalations),
            new InstantColumn("breached_at", EscalationState::breachedAt),
            new InstantColumn("warning_at", EscalationState::warningAt),
            new InstantColumn("deadline", EscalationState::deadline),
            new InstantColumn("next_check_at", EscalationState::nextCheckAt),
            new TextColumn(
                    "policy_id", s -> s.policy().map(PolicyVersion::policyId).orElse(null)),
            new TextColumn(
                    "policy_version",
                    s -> s.policy().map(PolicyVersion::version).orElse(null)),
            new TextColumn(
                    "acknowledged_by", s -> s.attention().acknowledgedBy().orElse(null)),
            new InstantColumn("acknowledged_at", s -> s.attention().acknowledgedAt()),
            new InstantColumn("snoozed_at", s -> s.attention().snoozedAt()),
            new InstantColumn("snoozed_until", s -> s.attention().snoozedUntil()),
            new IntColumn("warnings_sent", EscalationState::warningsSent),
            // NULL for every task whose policy has no goals: its row is what it was before schema V8.
            new TextColumn("goals", s -> s.goals().isEmpty() ? null : s.goals().toText()));

    /** {@code cycle = ?, warned_at = ?, ...}: bound by {@link #bind}. */
    static final String ASSIGNMENTS = join(column -> column.name() + " = ?");

    /** {@code cycle = v_cycle, ...}: the set-based statement's assignments from its {@code unnest} aliases. */
    static final String ARRAY_ASSIGNMENTS = join(column -> column.name() + " = v_" + column.name());

    /** {@code ?::int4[], ?::timestamptz[], ...}: the arrays {@link #bindArrays} binds, for {@code unnest}. */
    static final String ARRAY_PARAMETERS = join(column -> "?::" + column.arrayType() + "[]");

    /** {@code v_cycle, v_warned_at, ...}: the aliases of the {@code unnest} columns. */
    static final String ARRAY_ALIASES = join(column -> "v_" + column.name());

    private StateColumns() {}

    /** Binds every column of {@code state} from {@code index}; returns the next index. */
    static int bind(PreparedStatement ps, int index, EscalationState state) throws SQLException {
        for (Column column : ALL) {
            column.bind(ps, index++, state);
        }
        return index;
    }

    /** Binds every column of {@code states} as one array each from {@code index}; returns the next index. */
    static <T> int bindArrays(
            PreparedStatement ps, int index, Connection c, List<T> rows, Function<T, EscalationState> state)
            throws SQLException {
        List<EscalationState> states = rows.stream().map(state).toList();
        for (Column column : ALL) {
            ps.setArray(index++, column.array(c, states));
        }
        return index;
    }

    private static String join(Function<Column, String> part) {
        return ALL.stream().map(part).collect(Collectors.joining(", "));
    }

    /** A state column: its name, how a state gives its value and how it is bound alone or as an array. */
    sealed interface Column permits IntColumn, InstantColumn, TextColumn {
        String name();

        String arrayType();

        void bind(PreparedStatement ps, int index, EscalationState state) throws SQLException;

        Array array(Connection c, List<EscalationState> states) throws SQLException;

        /** Writes the value as the next field of {@code COPY}'s binary format, of the {@link #arrayType} exactly. */
        void copy(EscalationState state, CopyBinary out);
    }

    private record IntColumn(String name, ToIntFunction<EscalationState> value) implements Column {
        @Override
        public String arrayType() {
            return "int4";
        }

        @Override
        public void bind(PreparedStatement ps, int index, EscalationState state) throws SQLException {
            ps.setInt(index, value.applyAsInt(state));
        }

        @Override
        public Array array(Connection c, List<EscalationState> states) throws SQLException {
            return ColumnArrays.ints(c, states, value::applyAsInt);
        }

        @Override
        public void copy(EscalationState state, CopyBinary out) {
            out.int4(value.applyAsInt(state));
        }
    }

    private record InstantColumn(String name, Function<EscalationState, Optional<Instant>> value) implements Column {
        @Override
        public String arrayType() {
            return "timestamptz";
        }

        @Override
        public void bind(PreparedStatement ps, int index, EscalationState state) throws SQLException {
            Timestamps.bind(ps, index, value.apply(state));
        }

        @Override
        public Array array(Connection c, List<EscalationState> states) throws SQLException {
            return ColumnArrays.instants(c, states, value);
        }

        @Override
        public void copy(EscalationState state, CopyBinary out) {
            out.timestamptz(value.apply(state));
        }
    }

    private record TextColumn(String name, Function<EscalationState, String> value) implements Column {
        @Override
        public String arrayType() {
            return "text";
        }

        @Override
        public void bind(PreparedStatement ps, int index, EscalationState state) throws SQLException {
            ps.setString(index, value.apply(state));
        }

        @Override
        public Array array(Connection c, List<EscalationState> states) throws SQLException {
            return ColumnArrays.texts(c, states, value);
        }

        @Override
        public void copy(EscalationState state, CopyBinary out) {
            out.text(value.apply(state));
        }
    }
}
