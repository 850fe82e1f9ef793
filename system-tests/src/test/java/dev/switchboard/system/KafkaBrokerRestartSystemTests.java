package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.switchboard.localstack.StackEngine;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 1. The Kafka broker is killed (SIGKILL) under a steady stream and started again
 * after 12 s: the gateway answers {@code send_failed} for what the broker did not take,
 * never {@code accepted}; the client resends those, and every message arrives and is
 * stored once, in order.
 */
class KafkaBrokerRestartSystemTests {

    @Test
    void acceptsOnlyWhatTheBrokerTookAndLosesNothingAcrossABrokerRestart() throws Exception {
        User alice = User.register();
        User bob = User.register();
        int count = 400;
        StackEngine kafka = SystemStack.stack().engine("kafka");
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(1);
            b.connect(2);
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "broker " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(40));
                }
            }, "sender");
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 60);

            kafka.kill();
            long killed = System.nanoTime();
            int acceptedAtKill = a.accepted().size();
            ChatClient.sleep(Duration.ofSeconds(12));
            int acceptedWhileDown = a.accepted().size() - acceptedAtKill;
            // Counted before the start: the clients' resends may all be accepted while
            // start() still waits for the broker to answer its own check.
            int acceptedBeforeStart = a.accepted().size();
            long starting = System.nanoTime();
            kafka.start();
            double startUp = (System.nanoTime() - starting) / 1e9;
            Report.awaitUpTo(Duration.ofSeconds(60), () -> a.accepted().size() > acceptedBeforeStart);
            double recovery = (System.nanoTime() - starting) / 1e9;
            assertThat(a.accepted().size())
                .as("accepted a minute after the broker's start (%d pending, errors %s)", a.pendingCount(), a.errors())
                .isGreaterThan(acceptedBeforeStart);
            sender.join();

            await().atMost(Duration.ofSeconds(90)).until(() -> a.pendingCount() == 0);
            double caughtUp = (System.nanoTime() - killed) / 1e9;
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            Report.awaitUpTo(Duration.ofSeconds(60), () -> b.bodiesFrom(alice.id()).size() >= count);
            Map<String, Integer> errors = a.errors();
            System.out.printf(
                    "[system] F1 broker killed for 12 s: sent %d, accepted %d (%d of them while the broker was down, "
                            + "which a pending produce may still reach), send_failed %d; broker answering %.1f s and "
                            + "first accepted %.1f s after it was started, every message accepted %.1f s after the "
                            + "kill%n",
                    count, a.accepted().size(), acceptedWhileDown, errors.getOrDefault("send_failed", 0), startUp,
                    recovery, caughtUp);
            Report report = Report.of("F1 broker killed and restarted", sent, acceptOrder, b.bodiesFrom(alice.id()),
                    b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(errors).as("the broker was down longer than delivery.timeout.ms").containsKey("send_failed");
            assertThat(errors.keySet()).as("no other error").containsOnly("send_failed");
            assertThat(acceptOrder).as("history holds every sent message once")
                .containsExactlyInAnyOrderElementsOf(sent);
            List<JsonNode> stored = History.conversation(alice, bob.id());
            assertThat(stored).extracting((m) -> m.get("messageId").asString())
                .as("what the gateway accepted is what history stored")
                .containsExactlyInAnyOrderElementsOf(a.accepted().values());
            assertThat(recovery).as("seconds from the broker's start to the first accepted message").isLessThan(30);
        }
        finally {
            kafka.start();
        }
    }

}
