package dev.switchboard.support.kafka;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that will pass (a store or the broker is unavailable for now) from one
 * that will not (a record that breaks the contract). A listener passes what its store
 * threw through {@link #classify(RuntimeException)} so that the error handler sees a
 * {@link TransientFailureException} however the failure reached it: a JPA rollback that
 * fails on a dead connection, for one, hides the original
 * {@code DataAccessResourceFailureException} behind a {@code JpaSystemException} whose
 * only clue is the SQL state of the {@code SQLException} deep in its causes.
 */
public final class TransientFailures {

    static final List<Class<? extends Exception>> TYPES = List.of(TransientFailureException.class,
            DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, RetriableException.class, CannotCreateTransactionException.class,
            SQLTransientException.class, SQLRecoverableException.class, SQLNonTransientConnectionException.class);

    /**
     * SQL state prefixes of failures that pass: connection exceptions (08), insufficient
     * resources (53, such as too many connections), operator intervention (57P, such as a
     * server shutting down), serialization failures (40001) and deadlocks (40P01).
     */
    private static final List<String> TRANSIENT_SQL_STATES = List.of("08", "53", "57P", "40001", "40P01");

    private TransientFailures() {
    }

    /**
     * Whether the failure, or any of its causes, says that a dependency is unavailable
     * for now.
     * @param failure the failure
     * @return {@code true} if retrying later can succeed
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            for (Class<? extends Exception> type : TYPES) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && TRANSIENT_SQL_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure as the error handler should see it.
     * @param failure what a store or the broker threw
     * @return a {@link TransientFailureException} wrapping it if it is transient,
     * otherwise the failure itself
     */
    public static RuntimeException classify(RuntimeException failure) {
        if (failure instanceof TransientFailureException || !isTransient(failure)) {
            return failure;
        }
        return new TransientFailureException("Unavailable for now: " + failure.getMessage(), failure);
    }

}
