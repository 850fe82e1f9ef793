package dev.switchboard.support.ratelimit;

import java.time.Duration;

/**
 * A request went over a limit; answered 429 with {@code Retry-After}.
 */
public class RateLimitExceededException extends RuntimeException {

    private final Duration retryAfter;

    /**
     * Creates an exception.
     * @param limit the limit's name
     * @param retryAfter how long until the window ends
     */
    public RateLimitExceededException(String limit, Duration retryAfter) {
        super("Too many requests (" + limit + ")");
        this.retryAfter = retryAfter;
    }

    /**
     * How long until the window ends.
     * @return the wait, at least a second
     */
    public Duration retryAfter() {
        return this.retryAfter;
    }

}
