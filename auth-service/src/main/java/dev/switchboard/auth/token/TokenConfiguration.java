package dev.switchboard.auth.token;

import java.time.Duration;

import dev.switchboard.authclient.TokenVerifier;
import dev.switchboard.model.Topics;
import dev.switchboard.support.kafka.SwitchboardTopics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The verifier that auth-service itself uses: the same one as every other service, with
 * the database, instead of introspection, behind the cache.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    TokenVerifier tokenVerifier(ReactiveRedisConnectionFactory redis, DatabaseTokenSource source,
            java.time.Clock clock) {
        return new TokenVerifier(new ReactiveStringRedisTemplate(redis), source, Duration.ofSeconds(2), clock);
    }

    @Bean
    NewTopic revocationsTopic(SwitchboardTopics topics) {
        return topics.broadcast(Topics.AUTH_REVOCATIONS);
    }

}
