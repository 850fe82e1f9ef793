package dev.switchboard.authclient;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches auth-service to check tokens.
 *
 * @param introspectionUri auth-service's internal introspection endpoint, asked when the
 * Redis token cache has no entry or cannot be reached
 * @param timeout how long to wait for the cache or the endpoint before giving up
 */
@Validated
@ConfigurationProperties("switchboard.auth-client")
public record AuthClientProperties(@NotNull URI introspectionUri, @DefaultValue("2s") Duration timeout) {

}
