package dev.switchboard.authclient;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches auth-service to check tokens and user ids.
 *
 * @param introspectionUri auth-service's internal introspection endpoint, asked when the
 * Redis token cache has no entry or cannot be reached
 * @param timeout how long to wait for the cache or the endpoint before giving up
 * @param users the user directory
 */
@Validated
@ConfigurationProperties("switchboard.auth-client")
public record AuthClientProperties(@NotNull URI introspectionUri, @DefaultValue("2s") Duration timeout,
        @DefaultValue @Valid Users users) {

    /**
     * auth-service's internal user directory, asked whether user ids belong to registered
     * users.
     *
     * @param uri the endpoint; by default {@code users} next to the introspection
     * endpoint ({@code /internal/auth/users})
     * @param registeredTtl how long a registered user is remembered (ids are never
     * reused, so this only bounds memory churn)
     * @param unknownTtl how long an id that belongs to nobody is remembered: a user who
     * registers with it can be written to after this long at most
     * @param maxRemembered how many answers are remembered at most
     * @param blocksTtl how old a remembered answer gets before it is refreshed in the
     * background (whom the user blocks may have changed): the longest a block takes to
     * hold if the gateways missed the event that tells them of it
     */
    public record Users(URI uri, @DefaultValue("24h") @NotNull Duration registeredTtl,
            @DefaultValue("5s") @NotNull Duration unknownTtl, @DefaultValue("100000") @Min(1) int maxRemembered,
            @DefaultValue("60s") @NotNull Duration blocksTtl) {
    }

    /**
     * The user directory's endpoint.
     * @return the configured one, or {@code users} next to the introspection endpoint
     */
    public URI usersUri() {
        return (this.users.uri() != null) ? this.users.uri() : this.introspectionUri.resolve("users");
    }

}
