package dev.switchboard.auth.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.model.id.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Access tokens in PostgreSQL ({@code auth.access_token}), by digest only.
 */
@Repository
class TokenRepository {

    private final JdbcClient jdbc;

    TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(UserId user, byte[] digest, Instant createdAt, Instant expiresAt) {
        return this.jdbc
            .sql("INSERT INTO auth.access_token (user_id, token_hash, created_at, expires_at) "
                    + "VALUES (:user, :hash, :created, :expires) RETURNING id")
            .param("user", user.value())
            .param("hash", digest)
            .param("created", Timestamp.from(createdAt))
            .param("expires", Timestamp.from(expiresAt))
            .query(Long.class)
            .single();
    }

    Optional<AuthenticatedUser> findActive(byte[] digest, Instant now) {
        return this.jdbc
            .sql("SELECT id, user_id, expires_at FROM auth.access_token "
                    + "WHERE token_hash = :hash AND revoked_at IS NULL AND expires_at > :now")
            .param("hash", digest)
            .param("now", Timestamp.from(now))
            .query((row, n) -> new AuthenticatedUser(new UserId(row.getLong("user_id")), row.getLong("id"),
                    row.getTimestamp("expires_at").toInstant()))
            .optional();
    }

    /**
     * Marks a token revoked.
     * @return the revocation to complete, empty if the token was already revoked
     */
    Optional<PendingRevocation> revoke(long tokenId, Instant now) {
        return this.jdbc
            .sql("UPDATE auth.access_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL "
                    + "RETURNING id, user_id, token_hash, revoked_at, expires_at")
            .param("now", Timestamp.from(now))
            .param("id", tokenId)
            .query(TokenRepository::pending)
            .optional();
    }

    List<PendingRevocation> findPendingRevocations(int limit) {
        return this.jdbc.sql("SELECT id, user_id, token_hash, revoked_at, expires_at FROM auth.access_token "
                + "WHERE revoked_at IS NOT NULL AND revocation_completed_at IS NULL ORDER BY revoked_at LIMIT :limit")
            .param("limit", limit)
            .query(TokenRepository::pending)
            .list();
    }

    void markRevocationCompleted(long tokenId, Instant now) {
        this.jdbc.sql("UPDATE auth.access_token SET revocation_completed_at = :now WHERE id = :id")
            .param("now", Timestamp.from(now))
            .param("id", tokenId)
            .update();
    }

    private static PendingRevocation pending(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new PendingRevocation(row.getLong("id"), new UserId(row.getLong("user_id")), row.getBytes("token_hash"),
                row.getTimestamp("revoked_at").toInstant(), row.getTimestamp("expires_at").toInstant());
    }

    /**
     * A revoked token whose cache entry may still exist and whose event may not be on
     * Kafka yet.
     */
    record PendingRevocation(long tokenId, UserId userId, byte[] digest, Instant revokedAt, Instant expiresAt) {
    }

}
