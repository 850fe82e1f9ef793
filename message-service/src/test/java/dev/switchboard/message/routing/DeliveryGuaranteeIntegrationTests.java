package dev.switchboard.message.routing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.message.GatewayNodes;
import dev.switchboard.message.GatewayNodes.Node;
import dev.switchboard.message.MessageIntegrationTest;
import dev.switchboard.message.Traffic;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * What must hold when things go wrong around a message in flight.
 */
@MessageIntegrationTest
class DeliveryGuaranteeIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    GatewayNodes nodes;

    Traffic traffic;

    @BeforeEach
    void fixtures() {
        this.nodes = new GatewayNodes(this.redis);
        this.traffic = new Traffic(this.kafka);
    }

    @Test
    void routesLiveToARecipientWhoConnectedWhileTheMessageWasInFlight() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageListenerContainer routing = this.listeners.getListenerContainer(RoutingListener.ID);
        try (Node node = this.nodes.start()) {
            MessageSent message = Traffic.message(alice, bob, "in flight");
            routing.stop();
            try {
                this.traffic.send(message);
                node.connect(bob);
            }
            finally {
                routing.start();
            }

            await().atMost(WAIT)
                .until(() -> node.delivered(Duration.ofMillis(200)).contains(new Delivery(bob, message)));
        }
    }

    @Test
    void commitsNoOffsetBeforeItsDeliveriesAreAcknowledgedAndLosesNothingAcrossARestart() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageListenerContainer routing = this.listeners.getListenerContainer(RoutingListener.ID);
        try (Node node = this.nodes.startWithoutTopic();
                Admin admin = Admin
                    .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            node.connect(bob);
            MessageSent message = Traffic.message(alice, bob, "cannot be delivered yet");
            double retriesBefore = retries();

            this.traffic.send(message);
            TopicPartition partition = partitionOf(admin, message);
            long end = endOffset(admin, partition);
            // The batch has been tried and failed (the offset below is not merely not
            // committed yet) ...
            await().atMost(WAIT).until(() -> retries() > retriesBefore);
            // ... and stays uncommitted while it is retried.
            await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> committed(admin, partition) < end);

            routing.stop();
            node.createTopic();
            routing.start();

            await().atMost(WAIT)
                .until(() -> node.delivered(Duration.ofMillis(200)).contains(new Delivery(bob, message)));
            await().atMost(WAIT).until(() -> committed(admin, partition) >= end);
        }
    }

    private double retries() {
        Counter retries = this.meters.find("switchboard.kafka.retries").tag("topic", Topics.SEND_MESSAGE).counter();
        return (retries != null) ? retries.count() : 0;
    }

    private static TopicPartition partitionOf(Admin admin, MessageSent message) throws Exception {
        int partitions = admin.describeTopics(List.of(Topics.SEND_MESSAGE))
            .allTopicNames()
            .get()
            .get(Topics.SEND_MESSAGE)
            .partitions()
            .size();
        byte[] key = message.conversationId().value().getBytes(StandardCharsets.UTF_8);
        int partition = Utils.toPositive(Utils.murmur2(key)) % partitions;
        return new TopicPartition(Topics.SEND_MESSAGE, partition);
    }

    private static long endOffset(Admin admin, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        request.put(partition, OffsetSpec.latest());
        return admin.listOffsets(request).partitionResult(partition).get().offset();
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets("message-service")
            .partitionsToOffsetAndMetadata()
            .get()
            .get(partition);
        return (committed != null) ? committed.offset() : 0;
    }

}
