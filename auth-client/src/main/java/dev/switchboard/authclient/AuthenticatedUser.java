package dev.switchboard.authclient;

import java.time.Instant;

import dev.switchboard.model.id.UserId;

/**
 * Who presented a valid token or ticket.
 *
 * @param userId the user
 * @param tokenId the access token's id; revocation events name it
 * @param expiresAt when the token expires
 */
public record AuthenticatedUser(UserId userId, long tokenId, Instant expiresAt) {

    /**
     * Whether the token has expired at a given instant.
     * @param now the instant
     * @return true once the token is past its expiry
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(this.expiresAt);
    }

}
