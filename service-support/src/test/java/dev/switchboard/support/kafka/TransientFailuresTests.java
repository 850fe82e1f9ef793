package dev.switchboard.support.kafka;

import java.sql.SQLException;

import dev.switchboard.support.redis.RedisFailures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTests {

    @Test
    void seesADeadConnectionBehindAFailedRollback() {
        // What Hibernate, Hikari and Spring threw when PostgreSQL went away
        // mid-transaction:
        // Hikari closed the broken connection, the rollback failed on it with a plain
        // SQLException, and that failure (a JpaSystemException, an uncategorized data
        // access exception) replaced the original one.
        RuntimeException rollback = new UncategorizedDataAccessException("Unable to rollback against JDBC Connection",
                new RuntimeException("Unable to rollback against JDBC Connection",
                        new SQLException("Connection is closed"))) {
        };

        RuntimeException classified = TransientFailures.classify(rollback);

        assertThat(classified).isInstanceOf(TransientFailureException.class).hasCause(rollback);
    }

    @Test
    void knowsTheStoresAndTheBrokerBeingUnavailable() {
        assertThat(TransientFailures.isTransient(new DataAccessResourceFailureException("down"))).isTrue();
        assertThat(TransientFailures.isTransient(new TimeoutException("no ack"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("too many clients", "53300"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("relation does not exist", "42P01"))).isTrue();
    }

    @Test
    void seesRedisBeingUnavailableBehindAPlainRedisSystemException() {
        // What Spring Data Redis throws for a command that Lettuce rejects while its
        // connection is down: the same exception type as for a wrong command.
        RuntimeException rejected = new RedisSystemException("Unknown redis exception",
                new RedisException("Currently not connected. Commands are rejected."));
        RuntimeException pipelined = new RedisPipelineException(rejected);
        RuntimeException timedOut = new RedisSystemException("Redis command timed out",
                new RedisCommandTimeoutException("Command timed out after 2 second(s)"));
        RuntimeException wrongCommand = new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("ERR wrong number of arguments for 'hget' command"));

        assertThat(TransientFailures.isTransient(rejected)).isTrue();
        assertThat(RedisFailures.isConnectionFailure(rejected)).isTrue();
        assertThat(TransientFailures.classify(pipelined)).isInstanceOf(TransientFailureException.class)
            .hasCause(pipelined);
        assertThat(TransientFailures.isTransient(timedOut)).isTrue();
        assertThat(TransientFailures.isTransient(wrongCommand)).isFalse();
        assertThat(RedisFailures.isConnectionFailure(wrongCommand)).isFalse();
        assertThat(TransientFailures.classify(wrongCommand)).isSameAs(wrongCommand);
    }

    @Test
    void leavesFailuresThatRetryingCannotFixAsTheyAre() {
        RuntimeException poison = new BatchListenerFailedException("bad record", new IllegalArgumentException("x"), 3);
        RuntimeException duplicate = new DataIntegrityViolationException("dup",
                new SQLException("duplicate key", "23505"));

        assertThat(TransientFailures.classify(poison)).isSameAs(poison);
        assertThat(TransientFailures.classify(duplicate)).isSameAs(duplicate);
        assertThat(TransientFailures.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad", new IllegalStateException())))
            .isFalse();
    }

    @Test
    void doesNotWrapTwice() {
        TransientFailureException transientFailure = new TransientFailureException("down", null);

        assertThat(TransientFailures.classify(transientFailure)).isSameAs(transientFailure);
    }

}
