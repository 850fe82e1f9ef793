package dev.switchboard.model.auth;

import java.time.Instant;

import dev.switchboard.model.id.UserId;

/**
 * An access token for the user who logged in.
 *
 * @param accessToken the bearer token; shown once, stored only as a hash
 * @param tokenType always {@code Bearer}
 * @param expiresAt when the token stops working
 * @param userId the user the token belongs to
 */
public record LoginResponse(String accessToken, String tokenType, Instant expiresAt, UserId userId) {

    /**
     * A bearer token response.
     * @param accessToken the token
     * @param expiresAt its expiry
     * @param userId its user
     * @return the response
     */
    public static LoginResponse bearer(String accessToken, Instant expiresAt, UserId userId) {
        return new LoginResponse(accessToken, "Bearer", expiresAt, userId);
    }

    @Override
    public String toString() {
        return "LoginResponse[accessToken=" + Redact.secret(this.accessToken) + ", tokenType=" + this.tokenType
                + ", expiresAt=" + this.expiresAt + ", userId=" + this.userId + "]";
    }

}
