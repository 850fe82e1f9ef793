package dev.switchboard.auth;

import java.time.Duration;

import dev.switchboard.support.ratelimit.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of auth-service.
 *
 * @param exposeCode whether {@code getcode} answers with the code itself, as the seed
 * design did: for local runs and demos only, never in production
 * @param defaultRegion the ISO 3166 region whose national number format {@code getcode}
 * and {@code login} accept besides E.164
 * @param code activation codes
 * @param token access tokens and WebSocket tickets
 * @param rateLimits request limits that auth-service enforces itself
 * @param sms how codes reach phones
 * @param contacts contact lookup and blocks
 */
@Validated
@ConfigurationProperties("switchboard.auth")
public record AuthProperties(@DefaultValue("false") boolean exposeCode,
        @DefaultValue("US") @NotBlank @Pattern(regexp = "[A-Z]{2}") String defaultRegion,
        @DefaultValue @Valid Code code, @DefaultValue @Valid Token token, @DefaultValue @Valid RateLimits rateLimits,
        @DefaultValue @Valid Sms sms, @DefaultValue @Valid Contacts contacts) {

    /**
     * Contact lookup and blocks.
     *
     * @param lookupsPerHour numbers one user may look up per hour
     * @param lookupsPerDay numbers one user may look up per day
     * @param maxBlocked how many users one user may block
     */
    public record Contacts(@DefaultValue("2000/1h") @NotNull RateLimit lookupsPerHour,
            @DefaultValue("10000/24h") @NotNull RateLimit lookupsPerDay,
            @DefaultValue("1000") @Min(1) @Max(100000) int maxBlocked) {
    }

    /**
     * Activation codes.
     *
     * @param ttl how long a code stays valid
     * @param maxAttempts wrong guesses after which a code is void
     * @param secret the HMAC key that codes are hashed with; shared by every instance.
     * When empty, each instance makes up its own at startup (fine for one instance, not
     * for several)
     */
    public record Code(@DefaultValue("5m") @NotNull Duration ttl, @DefaultValue("5") @Min(1) @Max(10) int maxAttempts,
            String secret) {
    }

    /**
     * Access tokens.
     *
     * @param lifetime how long a token is valid after login
     * @param ticketLifetime how long a WebSocket ticket is valid (at most 60 seconds)
     */
    public record Token(@DefaultValue("30d") @NotNull Duration lifetime,
            @DefaultValue("60s") @NotNull Duration ticketLifetime) {

        public Token {
            if (ticketLifetime != null && ticketLifetime.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("switchboard.auth.token.ticket-lifetime is at most 60s");
            }
        }

    }

    /**
     * Limits that hold even where a gateway's limiter fails open. Written as
     * {@code <requests>/<window>}, for example {@code 5/1h}.
     *
     * @param getcodePerMobile codes requested for one number
     * @param getcodePerIp codes requested from one client address
     * @param loginPerMobile login attempts for one number
     */
    public record RateLimits(@DefaultValue("5/1h") @NotNull RateLimit getcodePerMobile,
            @DefaultValue("20/1h") @NotNull RateLimit getcodePerIp,
            @DefaultValue("20/1h") @NotNull RateLimit loginPerMobile,
            @DefaultValue("60/1h") @NotNull RateLimit loginPerIp) {
    }

    /**
     * SMS delivery.
     *
     * @param provider {@code log} (writes a masked line, for local use) or {@code twilio}
     * @param twilio the Twilio account, when the provider is {@code twilio}
     */
    public record Sms(@DefaultValue("log") @NotNull Provider provider, @DefaultValue @Valid Twilio twilio) {

        /**
         * SMS providers.
         */
        public enum Provider {

            /** Logs that a code was sent, with the number masked and without the code. */
            LOG,

            /** Twilio's Messages API. */
            TWILIO

        }

    }

    /**
     * A Twilio account.
     *
     * @param baseUrl the API's base URL
     * @param accountSid the account SID
     * @param authToken the auth token
     * @param from the sending number or messaging service SID
     * @param timeout how long to wait for Twilio
     */
    public record Twilio(@DefaultValue("https://api.twilio.com") @NotBlank String baseUrl, String accountSid,
            String authToken, String from, @DefaultValue("5s") @NotNull Duration timeout) {
    }

}
