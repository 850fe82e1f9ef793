package dev.switchboard.support.redis;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * While Redis is unreachable, commands fail at once instead of queueing until their
 * timeout: callers answer 503 (or retry later) promptly, and nothing piles up in memory.
 * Lettuce keeps reconnecting in the background.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(ClientOptions.class)
public class RedisFailFastAutoConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer switchboardRedisFailFast() {
        return (options) -> options.autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

}
