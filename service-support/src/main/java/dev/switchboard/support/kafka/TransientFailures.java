package dev.switchboard.support.kafka;

import java.sql.SQLException;
import java.util.List;

import dev.switchboard.support.redis.RedisFailures;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that will pass (a store or the broker is unavailable for now) from one
 * that will not (a record that breaks the contract). A listener passes what its store
 * threw through {@link #classify(RuntimeException)} so that the error handler sees a
 * {@link TransientFailureException} however the failure reached it.
 * <p>
 * That matters for SQL: when PostgreSQL goes away mid-transaction, Hikari closes the
 * broken connection, the rollback then fails with a plain {@code SQLException}
 * ("Connection is closed", no SQL state), and Spring throws that rollback failure (a
 * {@code JpaSystemException}) instead of the original
 * {@code DataAccessResourceFailureException}. So an {@code SQLException} anywhere in the
 * causes counts as transient unless its SQL state blames the data: class 22 (data
 * exception) or 23 (integrity constraint violation). Even a missing table (42P01) is
 * waited out rather than dead-lettered: the fix is a deployment, after which the records
 * go through.
 * <p>
 * A Redis that cannot be reached is transient too, even behind a plain
 * {@code RedisSystemException} ({@link RedisFailures}).
 */
public final class TransientFailures {

    static final List<Class<? extends Exception>> TYPES = List.of(TransientFailureException.class,
            DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, RetriableException.class, CannotCreateTransactionException.class);

    private static final List<String> DATA_SQL_STATE_CLASSES = List.of("22", "23");

    private TransientFailures() {
    }

    /**
     * Whether the failure, or any of its causes, says that a dependency is unavailable
     * for now.
     * @param failure the failure
     * @return {@code true} if retrying later can succeed
     */
    public static boolean isTransient(Throwable failure) {
        if (RedisFailures.isConnectionFailure(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            for (Class<? extends Exception> type : TYPES) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || DATA_SQL_STATE_CLASSES.stream().noneMatch(state::startsWith);
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
