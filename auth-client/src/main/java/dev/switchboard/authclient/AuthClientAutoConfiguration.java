package dev.switchboard.authclient;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Provides the {@link TokenVerifier} and the {@link UserDirectory} to services that set
 * {@code switchboard.auth-client.introspection-uri}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnProperty("switchboard.auth-client.introspection-uri")
@EnableConfigurationProperties(AuthClientProperties.class)
public class AuthClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TokenVerifier tokenVerifier(ReactiveRedisConnectionFactory connectionFactory, WebClient.Builder webClient,
            AuthClientProperties properties) {
        TokenSource introspection = new IntrospectionTokenSource(
                webClient.baseUrl(properties.introspectionUri().toString()).build(), properties.timeout());
        return new TokenVerifier(new ReactiveStringRedisTemplate(connectionFactory), introspection,
                properties.timeout(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    UserDirectory userDirectory(WebClient.Builder webClient, AuthClientProperties properties) {
        return new UserDirectory(webClient.baseUrl(properties.usersUri().toString()).build(), properties.timeout(),
                properties.users());
    }

}
