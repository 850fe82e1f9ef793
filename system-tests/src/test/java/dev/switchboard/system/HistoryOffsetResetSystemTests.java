package dev.switchboard.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.switchboard.localstack.ServiceProcess;
import dev.switchboard.model.id.ConversationId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 7. history-service's consumer group is reset to the earliest offsets (what an
 * operator's {@code kafka-consumer-groups --reset-offsets --to-earliest} does) while it
 * is stopped: it reads every retained record again and stores no row twice; a new
 * device's sync sees every message once.
 */
class HistoryOffsetResetSystemTests {

    private static final String GROUP = "history-service";

    @Test
    void storesNothingTwiceAfterItsOffsetsAreResetToEarliest() throws Exception {
        User alice = User.register();
        User bob = User.register();
        int before = 100;
        int after = 50;
        ServiceProcess history = SystemStack.stack().service("history-service");
        try (ChatClient a = new ChatClient(alice, false);
                ChatClient b = new ChatClient(bob, true);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SystemStack.stack().kafkaBootstrapServers()))) {
            a.connect(1);
            b.connect(2);
            List<String> sent = IntStream.range(0, before + after)
                .mapToObj((i) -> "reset " + i + " " + alice.id())
                .toList();
            sent.subList(0, before).forEach((body) -> a.send(bob.id(), body));
            History.bodiesOnceStored(alice, bob.id(), before);

            history.stop();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> earliest = admin
                .listOffsets(
                        committed.keySet().stream().collect(Collectors.toMap((p) -> p, (p) -> OffsetSpec.earliest())))
                .all()
                .get(10, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, (e) -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(GROUP, earliest).all().get(10, TimeUnit.SECONDS);
            long rewound = committed.entrySet()
                .stream()
                .mapToLong((e) -> e.getValue().offset() - earliest.get(e.getKey()).offset())
                .sum();
            long restarting = System.nanoTime();
            SystemStack.restart(history);
            sent.subList(before, before + after).forEach((body) -> a.send(bob.id(), body));
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), before + after);
            double caughtUp = (System.nanoTime() - restarting) / 1e9;
            await().atMost(Duration.ofSeconds(30)).until(() -> a.pendingCount() == 0);

            String conversation = ConversationId.direct(alice.id(), bob.id()).value();
            try (Connection db = DriverManager.getConnection(SystemStack.stack().jdbcUrl(), "postgres", "");
                    PreparedStatement rows = db.prepareStatement(
                            "SELECT count(*), count(DISTINCT id) FROM history.message WHERE conversation_id = ?")) {
                rows.setString(1, conversation);
                try (ResultSet result = rows.executeQuery()) {
                    result.next();
                    assertThat(result.getLong(1)).as("rows").isEqualTo(before + after);
                    assertThat(result.getLong(2)).as("distinct ids").isEqualTo(before + after);
                }
            }
            List<JsonNode> stored = History.conversation(alice, bob.id());
            assertThat(stored).extracting((m) -> m.get("sequence").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, before + after).boxed().toList());
            try (ChatClient fresh = new ChatClient(bob, false)) {
                fresh.connect(1);
                assertThat(fresh.bodiesFrom(alice.id())).as("a new device's sync")
                    .containsExactlyElementsOf(acceptOrder);
                assertThat(fresh.repeats()).as("no message twice in the feed").isZero();
            }
            System.out
                .printf("[system] F7 history-service's offsets reset to earliest (%d records read again): sent %d, "
                        + "stored %d rows, %d distinct; every message stored and synced once %.1f s after the "
                        + "restart began%n", rewound, before + after, stored.size(), stored.size(), caughtUp);
            assertThat(acceptOrder).containsExactlyInAnyOrderElementsOf(sent);
        }
        finally {
            if (!history.isAlive()) {
                SystemStack.restart(history);
            }
        }
    }

}
