package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.switchboard.localstack.StackEngine;
import dev.switchboard.test.HttpAnswer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Fault 6. Redis is stopped for 30 s under a steady stream: activation codes, logins and
 * new sessions fail closed (503, a refused handshake); sending goes on (the gateway needs
 * Kafka, not Redis, to accept); routing waits for Redis and the gateways, whose heartbeat
 * lapsed, close their sessions with 1012 once Redis is back, so that clients reconnect
 * and sync. Nothing accepted is lost or duplicated.
 */
class RedisOutageSystemTests {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void failsClosedAndLosesNothingWhileRedisIsDown() throws Exception {
        User alice = User.register();
        User bob = User.register();
        User carol = User.register();
        int count = 500;
        StackEngine redis = SystemStack.stack().engine("redis");
        try (ChatClient a = new ChatClient(alice, false);
                ChatClient b = new ChatClient(bob, false);
                ChatClient c = new ChatClient(carol, false)) {
            a.connect(1);
            b.connect(2);
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "redis " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(80));
                }
            }, "sender");
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 40);

            redis.stop();
            long stopped = System.nanoTime();
            int acceptedAtStop = a.accepted().size();
            HttpAnswer code = User.post("/api/auth/getcode", "{\"mobile\":\"" + User.newMobile() + "\"}");
            HttpAnswer login = User.post("/api/auth/login",
                    "{\"mobile\":\"" + alice.mobile() + "\",\"activationCode\":\"123456\"}");
            assertThat(code.status()).as("getcode without Redis: %s", code.body()).isEqualTo(503);
            assertThat(login.status()).as("login without Redis: %s", login.body()).isEqualTo(503);
            assertThat(code.headers().getFirst("Retry-After")).isNotBlank();
            assertThatThrownBy(() -> c.connect(1)).as("a new session without Redis is refused");
            await().atMost(Duration.ofSeconds(20)).until(() -> a.accepted().size() >= acceptedAtStop + 20);
            int acceptedWhileDown;
            ChatClient.sleep(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stopped)));
            acceptedWhileDown = a.accepted().size() - acceptedAtStop;

            redis.start();
            long restarted = System.nanoTime();
            assertThat(a.awaitClosed(Duration.ofSeconds(20))).as("closed for a reconnect").isEqualTo(1012);
            assertThat(b.awaitClosed(Duration.ofSeconds(20))).as("closed for a reconnect").isEqualTo(1012);
            a.reconnect(1, Duration.ofSeconds(30));
            b.reconnect(2, Duration.ofSeconds(30));
            List<String> acceptedByRestart = sent.subList(0, acceptedAtStop + acceptedWhileDown);
            await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> b.bodiesFrom(alice.id()).containsAll(acceptedByRestart));
            double recovery = (System.nanoTime() - restarted) / 1e9;
            c.connect(1);
            sender.join();

            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            Report.awaitUpTo(Duration.ofSeconds(60), () -> b.bodiesFrom(alice.id()).size() >= count);
            System.out.printf(
                    "[system] F6 Redis stopped for %d s: sent %d, accepted %d (%d while Redis was down), getcode and "
                            + "login 503, new sessions refused; everything accepted by then reached the recipient "
                            + "%.1f s after Redis's start%n",
                    OUTAGE.toSeconds(), count, a.accepted().size(), acceptedWhileDown, recovery);
            Report report = Report.of("F6 Redis stopped", sent, acceptOrder, b.bodiesFrom(alice.id()),
                    b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(acceptOrder).as("history holds every sent message once")
                .containsExactlyInAnyOrderElementsOf(sent);
        }
        finally {
            redis.start();
        }
    }

}
