package dev.switchboard.gateway.session;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.model.id.UserId;

import org.springframework.stereotype.Component;

/**
 * Closes the sessions of revoked tokens, whichever comes first: the revocation or the
 * session. A handshake checks its token a moment before the session exists, so a
 * revocation can arrive in between; a revocation is therefore remembered for a while, and
 * a session that joins after it is closed as it joins. Together with the revocation
 * consumer reading from before the node started, no session opened by a revoked token
 * stays open.
 */
@Component
public class SessionRevocations {

    // Far longer than any handshake takes from its token check to its session.
    private static final Duration REMEMBERED = Duration.ofMinutes(10);

    private final LocalSessions sessions;

    private final Cache<Long, Boolean> revoked = Caffeine.newBuilder()
        .expireAfterWrite(REMEMBERED)
        .maximumSize(1_000_000)
        .build();

    SessionRevocations(LocalSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * A token was revoked: closes the sessions it opened here (1008, token revoked), and
     * those that join later.
     * @param user the token's user
     * @param tokenId the token
     */
    public void revoke(UserId user, long tokenId) {
        // Remembered first, so that a session joining at this moment sees it or is seen.
        this.revoked.put(tokenId, Boolean.TRUE);
        for (ClientSession session : this.sessions.of(user)) {
            if (session.principal().tokenId() == tokenId) {
                session.close(CloseCodes.TOKEN_REVOKED);
            }
        }
    }

    /**
     * Checks a session that has just joined the local sessions.
     * @param session the session
     * @return true if it was closed because its token is revoked
     */
    boolean closeIfRevoked(ClientSession session) {
        if (this.revoked.getIfPresent(session.principal().tokenId()) != null) {
            session.close(CloseCodes.TOKEN_REVOKED);
            return true;
        }
        return false;
    }

}
