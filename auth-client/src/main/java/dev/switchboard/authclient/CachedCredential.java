package dev.switchboard.authclient;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import dev.switchboard.model.id.UserId;

/**
 * The Redis side of a credential: where auth-service caches a token (and parks a
 * WebSocket ticket), and the value it stores. This is the only place that knows the key
 * layout and the encoding.
 */
public final class CachedCredential {

    private static final String TOKEN_PREFIX = "auth:token:";

    private static final String TICKET_PREFIX = "auth:ticket:";

    private static final String REVOKED_PREFIX = "auth:revoked:";

    private static final String VERSION = "v1";

    private CachedCredential() {
    }

    /**
     * The cache key of an access token.
     * @param token the token
     * @return the key, built from the token's digest
     */
    public static String tokenKey(String token) {
        return TOKEN_PREFIX + Secrets.digestText(token);
    }

    /**
     * The cache key of an access token known only by its digest, as auth-service stores
     * it.
     * @param digest the token's SHA-256 digest
     * @return the key
     */
    public static String tokenKeyOfDigest(byte[] digest) {
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * The key of a WebSocket ticket.
     * @param ticket the ticket
     * @return the key, built from the ticket's digest
     */
    public static String ticketKey(String ticket) {
        return TICKET_PREFIX + Secrets.digestText(ticket);
    }

    /**
     * The key of the marker that a token was revoked. It is set (for the token's
     * remaining lifetime) in the same step that removes the token's cache entry, and
     * nothing caches the token again while it exists: a check that read the token as
     * valid just before the revocation cannot put it back. A WebSocket ticket whose token
     * has this marker is not redeemed.
     * @param tokenId the token's id
     * @return the key
     */
    public static String revokedKey(long tokenId) {
        return REVOKED_PREFIX + tokenId;
    }

    /**
     * Encodes a credential for the cache.
     * @param user the authenticated user
     * @return the value
     */
    public static String encode(AuthenticatedUser user) {
        return VERSION + '|' + user.userId().value() + '|' + user.tokenId() + '|' + user.expiresAt().toEpochMilli();
    }

    /**
     * Decodes a cached credential.
     * @param value the value
     * @return the user, or {@code null} if the value is not one this code wrote
     */
    public static AuthenticatedUser decode(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\|");
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            return null;
        }
        try {
            return new AuthenticatedUser(new UserId(Long.parseLong(parts[1])), Long.parseLong(parts[2]),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * How long a credential may stay cached: its remaining lifetime, capped.
     * @param user the credential
     * @param now the current instant
     * @param cap the longest time to cache
     * @return the time to live, zero if already expired
     */
    public static Duration timeToLive(AuthenticatedUser user, Instant now, Duration cap) {
        Duration remaining = Duration.between(now, user.expiresAt());
        if (remaining.isNegative()) {
            return Duration.ZERO;
        }
        return (remaining.compareTo(cap) > 0) ? cap : remaining;
    }

}
