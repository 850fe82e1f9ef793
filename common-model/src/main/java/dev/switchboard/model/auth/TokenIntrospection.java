package dev.switchboard.model.auth;

import java.time.Instant;

import dev.switchboard.model.id.UserId;

/**
 * What auth-service says of a token that other services present to its internal
 * introspection endpoint.
 *
 * @param active whether the token is valid now
 * @param userId its user, when active
 * @param tokenId the token's id, when active (revocation events name it)
 * @param expiresAt its expiry, when active
 */
public record TokenIntrospection(boolean active, UserId userId, Long tokenId, Instant expiresAt) {

    /**
     * The answer for a token that is unknown, expired or revoked.
     * @return an inactive introspection
     */
    public static TokenIntrospection inactive() {
        return new TokenIntrospection(false, null, null, null);
    }

}
