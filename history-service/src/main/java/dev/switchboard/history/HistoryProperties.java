package dev.switchboard.history;

import java.time.Duration;

import dev.switchboard.support.ratelimit.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of history-service.
 *
 * @param syncFenceTimeout how long a sync may wait for history to store everything that
 * Kafka had accepted when the sync began; past it, the sync answers 503 and the client
 * retries
 * @param receiptFenceTimeout how long a receipt for a message that is not stored yet
 * waits for the message before its batch is retried
 * @param defaultPageSize page size when a request does not say
 * @param maxPageSize the largest page a request may ask for
 * @param rateLimits requests one user may make, written as {@code <requests>/<window>}
 */
@Validated
@ConfigurationProperties("switchboard.history")
public record HistoryProperties(@DefaultValue("3s") @NotNull Duration syncFenceTimeout,
        @DefaultValue("10s") @NotNull Duration receiptFenceTimeout,
        @DefaultValue("50") @Min(1) @Max(1000) int defaultPageSize,
        @DefaultValue("100") @Min(1) @Max(1000) int maxPageSize, @DefaultValue @Valid RateLimits rateLimits) {

    /**
     * Per-user limits, counted in Redis across every instance. Over a limit, a request is
     * answered 429 with {@code Retry-After}; while Redis cannot count, requests are let
     * through (a limit here protects capacity, not a secret).
     *
     * @param syncPerUser sync calls (a catching-up client asks page after page; 100
     * messages a page)
     * @param readsPerUser calls that read conversations and their messages
     */
    public record RateLimits(@DefaultValue("300/1m") @NotNull RateLimit syncPerUser,
            @DefaultValue("600/1m") @NotNull RateLimit readsPerUser) {
    }

}
