package dev.switchboard.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes auth-service's token cache in Redis, which every verifier reads. An entry lives
 * as long as its token. Writing is best effort: a token missing from the cache is looked
 * up in the database and cached again, but never once it is revoked. A revocation sets
 * the token's revoked marker ({@link CachedCredential#revokedKey(long)}) and removes its
 * entry in one step, and an entry is written only while there is no marker (one step
 * too), so a check that read the token from the database just before the revocation
 * cannot cache it again afterwards.
 */
@Component
class TokenCache {

    private static final Logger logger = LoggerFactory.getLogger(TokenCache.class);

    private static final Duration MAX_TTL = Duration.ofDays(400);

    private static final RedisScript<Long> PUT_UNLESS_REVOKED = RedisScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """, Long.class);

    private static final RedisScript<Long> REVOKE = RedisScript.of("""
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
            redis.call('DEL', KEYS[1])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    private final Clock clock;

    TokenCache(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    void put(String token, AuthenticatedUser user) {
        Duration ttl = CachedCredential.timeToLive(user, this.clock.instant(), MAX_TTL);
        if (ttl.isZero()) {
            return;
        }
        try {
            this.redis.execute(PUT_UNLESS_REVOKED,
                    List.of(CachedCredential.tokenKey(token), CachedCredential.revokedKey(user.tokenId())),
                    CachedCredential.encode(user), Long.toString(ttl.toMillis()));
        }
        catch (RuntimeException ex) {
            logger.warn("Could not cache a token of user {}: {}", user.userId(), ex.toString());
        }
    }

    /**
     * Marks a token revoked, for as long as it would have lived, and removes its entry.
     * @param tokenId the token's id
     * @param digest the token's digest
     * @param expiresAt when the token would have expired
     * @throws RuntimeException if Redis cannot be reached: the revocation is not complete
     */
    void revoke(long tokenId, byte[] digest, Instant expiresAt) {
        long ttl = Math.max(1, Duration.between(this.clock.instant(), expiresAt).toMillis());
        this.redis.execute(REVOKE,
                List.of(CachedCredential.tokenKeyOfDigest(digest), CachedCredential.revokedKey(tokenId)),
                Long.toString(Math.min(ttl, MAX_TTL.toMillis())));
    }

}
