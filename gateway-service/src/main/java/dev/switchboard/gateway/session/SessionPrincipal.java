package dev.switchboard.gateway.session;

import java.time.Instant;

import dev.switchboard.model.id.UserId;

/**
 * Who a session belongs to, established at the handshake and never changed by a frame.
 *
 * @param userId the user; the sender of every frame of the session
 * @param tokenId the token that opened it (a revocation of that token closes it)
 * @param tokenExpiresAt when that token expires (and the session is closed)
 * @param seed whether the client connected the seed design's way ({@code ?accessToken=})
 * and reads the seed's delivery format
 */
public record SessionPrincipal(UserId userId, long tokenId, Instant tokenExpiresAt, boolean seed) {
}
