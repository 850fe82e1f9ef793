package dev.switchboard.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.switchboard.localstack.ServiceProcess;
import dev.switchboard.model.Topics;
import dev.switchboard.model.id.ConversationId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults 10 and 3. A second message-service is started under a stream (its consumer group
 * rebalances), then the first one is killed (SIGKILL, between produce and commit for
 * whatever it was routing): the survivor takes over its partitions, nothing is lost, the
 * repeats of what the dead one had routed but not committed collapse by message id, and
 * history holds every message once.
 */
class MessageServiceScaleOutSystemTests {

    private static final String GROUP = "message-service";

    private static final String SECOND = "message-service-2";

    @Test
    void losesNothingWhenMessageServiceScalesOutAndAnInstanceDies() throws Exception {
        User alice = User.register();
        User bob = User.register();
        int count = 800;
        ServiceProcess first = SystemStack.stack().service("message-service");
        ServiceProcess second = null;
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(1);
            b.connect(2);
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "scale " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(40));
                }
            }, "sender");
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 60);

            second = SystemStack.stack()
                .startAnother("message-service", "message-service-2", Map.of("spring.kafka.client-id", SECOND));
            int acceptedWhenScaled = a.accepted().size();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= acceptedWhenScaled + 50);

            // The instance that routes this conversation dies: its partition moves.
            ServiceProcess routing = routesOnSecond(alice, bob) ? second : first;
            routing.kill();
            long killed = System.nanoTime();
            int acceptedAtKill = a.accepted().size();
            List<String> afterTheKill = sent.subList(acceptedAtKill + 10, acceptedAtKill + 20);
            await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> b.bodiesFrom(alice.id()).containsAll(afterTheKill));
            double recovery = (System.nanoTime() - killed) / 1e9;
            sender.join();

            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            Report.awaitUpTo(Duration.ofSeconds(90), () -> b.bodiesFrom(alice.id()).size() >= count);
            System.out.printf("[system] F10/F3 second message-service started after %d accepted, the one routing "
                    + "the conversation (%s) killed after %d: sent %d, accepted %d; messages sent after the kill "
                    + "reached the recipient %.1f s after it%n", acceptedWhenScaled, routing.name(), acceptedAtKill,
                    count, a.accepted().size(), recovery);
            Report report = Report.of("F10/F3 message-service scaled out, then one killed", sent, acceptOrder,
                    b.bodiesFrom(alice.id()), b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(recovery)
                .as("seconds until the survivor routes the dead one's partition (session.timeout.ms 10 s)")
                .isLessThan(30);
            List<JsonNode> stored = History.conversation(alice, bob.id());
            assertThat(stored).extracting((m) -> m.get("sequence").asLong())
                .as("one row per message in history")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        }
        finally {
            if (!first.isAlive()) {
                SystemStack.restart(first);
            }
            if (second != null) {
                second.stop();
            }
        }
    }

    /**
     * Whether the second instance's consumer holds the conversation's partition of
     * {@code SEND_MESSAGE} (records are keyed by conversation id).
     */
    private static boolean routesOnSecond(User alice, User bob) throws Exception {
        byte[] key = ConversationId.direct(alice.id(), bob.id()).value().getBytes(StandardCharsets.UTF_8);
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SystemStack.stack().kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.SEND_MESSAGE))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(Topics.SEND_MESSAGE)
                .partitions()
                .size();
            TopicPartition partition = new TopicPartition(Topics.SEND_MESSAGE,
                    Utils.toPositive(Utils.murmur2(key)) % partitions);
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(GROUP);
            MemberDescription owner = group.members()
                .stream()
                .filter((member) -> member.assignment().topicPartitions().contains(partition))
                .findFirst()
                .orElseThrow(() -> new AssertionError(partition + " is not assigned: " + group));
            return owner.clientId().startsWith(SECOND);
        }
    }

}
