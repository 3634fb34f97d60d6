package io.cobrowse.ingest.store;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies failures by SQL state, walking the cause chain (Hibernate and Agroal wrap them) and the
 * suppressed exceptions (where Narayana puts the reasons a commit failed).
 */
public final class DatabaseErrors {

    /** Server shutting down, cannot connect now, too many connections, out of resources. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "53000");
    /** Deadlock, serialization failure, and a unique violation lost in a race (the retry sees the winner). */
    private static final Set<String> TRANSIENT_STATES = Set.of("40P01", "40001", "23505");
    /** A statement cancelled, here at the transaction's time-out. */
    private static final String QUERY_CANCELED = "57014";

    private DatabaseErrors() {}

    /**
     * The database is away, or did not answer: nothing was acknowledged, and the sender's retry finds the
     * webhook stored (a duplicate) if a commit whose answer was lost went through after all.
     */
    public static boolean isUnavailable(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>(List.of(e));
        while (!next.isEmpty()) {
            Throwable t = next.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (signalsUnavailable(t)) {
                return true;
            }
            if (t.getCause() != null) {
                next.push(t.getCause());
            }
            next.addAll(List.of(t.getSuppressed()));
        }
        return false;
    }

    private static boolean signalsUnavailable(Throwable t) {
        if (t instanceof SQLTransientConnectionException
                || t instanceof ConnectException
                || t instanceof SocketException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                return true;
            }
            // Agroal's acquisition time-outs carry no state: "Acquisition timeout while waiting for new
            // connection" (the pool is exhausted, say by connections that hang) or "Sorry, acquisition timeout!"
            if (state == null
                    && String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return t.getClass().getName().endsWith("JDBCConnectionException");
    }

    /** A statement cancelled (query_canceled): how the transaction's time-out ends a statement still running. */
    public static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && TRANSIENT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Exception classes and SQL states only: messages may carry values (personal data). */
    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                sb.append('[').append(sql.getSQLState()).append(']');
            }
        }
        return sb.toString();
    }
}
