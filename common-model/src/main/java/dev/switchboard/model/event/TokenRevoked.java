package dev.switchboard.model.event;

import dev.switchboard.model.Require;

import java.time.Instant;

import dev.switchboard.model.id.UserId;

/**
 * An access token was revoked (logout). Gateways close the sockets that it opened.
 *
 * @param tokenId the token's id (never the token itself)
 * @param userId the token's user
 * @param revokedAt when it was revoked
 */
public record TokenRevoked(long tokenId, UserId userId, Instant revokedAt) implements SwitchboardEvent {

    /** The value of the {@code type} property. */
    public static final String TYPE = "token.revoked";

    public TokenRevoked {
        Require.present(userId, "userId");
        Require.present(revokedAt, "revokedAt");
    }

}
