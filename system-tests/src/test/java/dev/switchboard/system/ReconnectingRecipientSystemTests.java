package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 3. B reconnects again and again, alternating gateways, while A sends 1,000 messages as
 * fast as it can: B ends with all 1,000, exactly once, in order.
 */
class ReconnectingRecipientSystemTests {

    @Test
    void loosesNothingWhileTheRecipientKeepsReconnecting() throws Exception {
        User alice = User.register();
        User bob = User.register();
        int count = 1000;
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(1);
            b.connect(2);
            // Bursts of 50 as fast as the client can send them; between bursts A waits
            // (at
            // most 3 s) for B to reconnect once more, so that reconnects fall among
            // messages in flight however slow the machine is.
            AtomicInteger reconnects = new AtomicInteger();
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "burst " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    a.send(bob.id(), sent.get(i));
                    if (i % 50 == 49) {
                        int seen = reconnects.get();
                        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                        while (reconnects.get() == seen && System.nanoTime() < until) {
                            ChatClient.sleep(Duration.ofMillis(10));
                        }
                    }
                }
            }, "sender");
            sender.start();

            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            int gateway = 2;
            int reconnectsWhileSending = 0;
            while ((sender.isAlive() || b.bodiesFrom(alice.id()).size() < count) && System.nanoTime() < deadline) {
                ChatClient.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextInt(100)));
                if (ThreadLocalRandom.current().nextBoolean()) {
                    b.disconnect();
                }
                else {
                    b.abort();
                }
                gateway = (gateway == 1) ? 2 : 1;
                b.connect(gateway);
                if (sender.isAlive()) {
                    reconnectsWhileSending++;
                    reconnects.incrementAndGet();
                }
            }
            sender.join();
            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.bodiesFrom(alice.id()).size() >= count);

            Report report = Report.of(
                    "3 reconnecting recipient (" + b.connects() + " connects, " + reconnectsWhileSending
                            + " while A was sending)",
                    sent, acceptOrder, b.bodiesFrom(alice.id()), b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(acceptOrder).as("history holds every sent message once")
                .containsExactlyInAnyOrderElementsOf(sent);
            assertThat(reconnectsWhileSending).as("B reconnected while A was sending").isGreaterThanOrEqualTo(5);
        }
    }

}
