package dev.switchboard.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import dev.switchboard.model.Topics;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.DeliveryBatch;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import dev.switchboard.support.kafka.DeliveryDeserializer;
import dev.switchboard.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Fake gateway nodes for routing tests: each has its delivery topic and writes presence
 * exactly as a gateway does ({@link PresenceKeys}); tests read what message-service
 * delivered to it.
 */
public final class GatewayNodes {

    private final StringRedisTemplate redis;

    public GatewayNodes(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * A new live node with its topic.
     */
    public Node start() {
        Node node = new Node("n-" + UUID.randomUUID().toString().substring(0, 8));
        node.createTopic();
        node.heartbeat(Duration.ofMinutes(5));
        return node;
    }

    /**
     * A new live node whose topic does not exist (yet).
     */
    public Node startWithoutTopic() {
        Node node = new Node("n-" + UUID.randomUUID().toString().substring(0, 8));
        node.heartbeat(Duration.ofMinutes(5));
        return node;
    }

    public final class Node implements AutoCloseable {

        private final String id;

        private KafkaConsumer<String, DeliveryBatch> consumer;

        private final List<Delivery> received = new ArrayList<>();

        private int records;

        Node(String id) {
            this.id = id;
        }

        public String id() {
            return this.id;
        }

        public void createTopic() {
            try (Admin admin = Admin
                .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.gateway(this.id), 1, (short) 1))).all().get();
            }
            catch (InterruptedException | ExecutionException ex) {
                throw new IllegalStateException(ex);
            }
        }

        public void heartbeat(Duration validFor) {
            GatewayNodes.this.redis.opsForZSet()
                .add(PresenceKeys.NODES, this.id, System.currentTimeMillis() + validFor.toMillis());
        }

        public void die() {
            GatewayNodes.this.redis.opsForZSet().add(PresenceKeys.NODES, this.id, System.currentTimeMillis() - 60_000);
        }

        public void connect(UserId user) {
            connect(user, UUID.randomUUID().toString().substring(0, 12));
        }

        public void connect(UserId user, String session) {
            GatewayNodes.this.redis.opsForHash().put(PresenceKeys.sessionsOf(user), session, this.id);
            GatewayNodes.this.redis.opsForSet()
                .add(PresenceKeys.registeredBy(this.id), PresenceKeys.member(user, session));
        }

        /**
         * Everything delivered to this node so far (polling for a moment).
         */
        public List<Delivery> delivered(Duration poll) {
            if (this.consumer == null) {
                this.consumer = new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + this.id,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new DeliveryDeserializer());
                this.consumer.assign(List.of(new TopicPartition(Topics.gateway(this.id), 0)));
                this.consumer.seekToBeginning(this.consumer.assignment());
            }
            // One record per (node, routed batch): the deliveries in it, in order.
            for (ConsumerRecord<String, DeliveryBatch> record : this.consumer.poll(poll)) {
                this.received.addAll(record.value().deliveries());
                this.records++;
            }
            return List.copyOf(this.received);
        }

        /**
         * How many records the deliveries so far came in.
         */
        public int records() {
            return this.records;
        }

        @Override
        public void close() {
            if (this.consumer != null) {
                this.consumer.close();
            }
        }

    }

}
