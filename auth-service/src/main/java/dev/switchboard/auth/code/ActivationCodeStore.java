package dev.switchboard.auth.code;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Where pending codes live: one Redis hash per number with the code's hash and its
 * attempt count, expiring with the code. Each step is one script, so concurrent requests
 * cannot slip between a read and a write.
 */
@Component
class ActivationCodeStore {

    private static final String KEY_PREFIX = "auth:code:";

    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'h', ARGV[1], 'a', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    // An attempt is counted before the code is compared, so that concurrent guesses
    // cannot compare more often than the limit allows: past it, nothing is compared.
    private static final RedisScript<List> BEGIN_ATTEMPT = RedisScript.of("""
            local h = redis.call('HGET', KEYS[1], 'h')
            if not h then return {} end
            local a = redis.call('HINCRBY', KEYS[1], 'a', 1)
            if a > tonumber(ARGV[1]) then return {} end
            return {h, a}
            """, List.class);

    private static final RedisScript<Long> CONSUME = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then
                redis.call('DEL', KEYS[1])
                return 1
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;

    ActivationCodeStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Stores a new code's hash for a number, replacing any earlier code.
     */
    void replace(MobileNumber mobile, String codeHash, Duration ttl) {
        this.redis.execute(REPLACE, List.of(key(mobile)), codeHash, Long.toString(ttl.toMillis()));
    }

    /**
     * Counts an attempt and hands out the stored hash to compare with.
     * @return the attempt, or {@code null} if there is no valid code (none, expired, or
     * void after too many attempts)
     */
    Attempt beginAttempt(MobileNumber mobile, int maxAttempts) {
        List<?> result = this.redis.execute(BEGIN_ATTEMPT, List.of(key(mobile)), Integer.toString(maxAttempts));
        if (result == null || result.isEmpty()) {
            return null;
        }
        return new Attempt((String) result.get(0), ((Number) result.get(1)).intValue());
    }

    /**
     * Uses the code up, if it is still the one that was compared.
     * @return true for the one request that consumed it
     */
    boolean consume(MobileNumber mobile, String codeHash) {
        Long consumed = this.redis.execute(CONSUME, List.of(key(mobile)), codeHash);
        return consumed != null && consumed == 1L;
    }

    /**
     * Voids the code after its last allowed wrong attempt.
     */
    void discard(MobileNumber mobile) {
        this.redis.delete(key(mobile));
    }

    private static String key(MobileNumber mobile) {
        return KEY_PREFIX + mobile.e164();
    }

    record Attempt(String storedHash, int number) {
    }

}
