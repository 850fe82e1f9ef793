package dev.switchboard.message.routing;

import java.time.Duration;

import dev.switchboard.message.GatewayNodes;
import dev.switchboard.message.GatewayNodes.Node;
import dev.switchboard.message.Traffic;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away while a message waits to be routed, and comes back empty (it keeps
 * nothing on disk), as a Redis restart does: the message waits and is routed once the
 * recipient's gateway has registered the session again. Delayed, not lost. This instance
 * has a Redis of its own, and a consumer group of its own so it does not share partitions
 * with the other tests' instance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestKafka.Initializer.class)
@ActiveProfiles("test")
@DirtiesContext
class RedisOutageIntegrationTests {

    private static final TestRedis.Dedicated REDIS = TestRedis.startDedicated();

    @DynamicPropertySource
    static void ownRedisAndGroup(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> REDIS.url().toString());
        registry.add("spring.kafka.consumer.group-id", () -> "message-service-redis-outage");
        registry.add("spring.kafka.consumer.auto-offset-reset", () -> "latest");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.stop();
    }

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void delaysDeliveryWhileRedisIsDownAndLosesNothing() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        GatewayNodes nodes = new GatewayNodes(this.redis);
        try (Node node = nodes.start()) {
            node.connect(bob);
            MessageSent warmUp = Traffic.message(alice, bob, "before");
            new Traffic(this.kafka).send(warmUp);
            await().atMost(Duration.ofSeconds(30))
                .until(() -> node.delivered(Duration.ofMillis(200)).contains(new Delivery(bob, warmUp)));

            REDIS.stop();
            MessageSent during = Traffic.message(alice, bob, "while Redis is down");
            new Traffic(this.kafka).send(during);
            assertThat(node.delivered(Duration.ofSeconds(3))).doesNotContain(new Delivery(bob, during));

            // A retry that read the empty Redis before the session is registered again
            // would find bob offline and rightly route nothing (he would sync from
            // history): routing pauses until the gateway has registered again. Its
            // batch is uncommitted, so it is read again when routing resumes.
            MessageListenerContainer routing = this.listeners.getListenerContainer(RoutingListener.ID);
            routing.stop();
            try {
                REDIS.start();
                // The gateway registers its sessions again once Redis answers (its
                // client reconnects in the background).
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                    node.heartbeat(Duration.ofMinutes(5));
                    node.connect(bob);
                });
            }
            finally {
                routing.start();
            }

            await().atMost(Duration.ofSeconds(30))
                .until(() -> node.delivered(Duration.ofMillis(200)).contains(new Delivery(bob, during)));
        }
    }

}
