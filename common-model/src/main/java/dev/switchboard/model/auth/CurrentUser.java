package dev.switchboard.model.auth;

import java.time.Instant;

import dev.switchboard.model.id.UserId;

/**
 * The caller of {@code GET /api/auth/me}.
 *
 * @param userId the user
 * @param mobile the user's number in E.164
 * @param createdAt when the user first logged in
 * @param tokenExpiresAt when the presented token expires
 */
public record CurrentUser(UserId userId, String mobile, Instant createdAt, Instant tokenExpiresAt) {

    @Override
    public String toString() {
        return "CurrentUser[userId=" + this.userId + ", mobile=" + Redact.phone(this.mobile) + ", createdAt="
                + this.createdAt + ", tokenExpiresAt=" + this.tokenExpiresAt + "]";
    }

}
