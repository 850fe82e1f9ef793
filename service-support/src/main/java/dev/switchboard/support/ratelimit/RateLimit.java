package dev.switchboard.support.ratelimit;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/**
 * A limit of so many requests per window.
 *
 * @param requests how many requests a window allows
 * @param window the window's length
 */
public record RateLimit(int requests, Duration window) {

    public RateLimit {
        if (requests < 1 || window == null || window.toMillis() < 1000) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request per window of at least 1s");
        }
    }

    /**
     * Reads a limit written as {@code <requests>/<window>}, such as {@code 5/1h}.
     * @param text the text
     * @return the limit
     */
    public static RateLimit valueOf(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("a rate limit is written as <requests>/<window>, for example 5/1h");
        }
        return new RateLimit(Integer.parseInt(text.substring(0, slash).trim()),
                DurationStyle.detectAndParse(text.substring(slash + 1).trim()));
    }

    @Override
    public String toString() {
        return this.requests + "/" + this.window;
    }

}
