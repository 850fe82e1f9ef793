package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.switchboard.localstack.StackEngine;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestWebSocket;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Faults 4 and 5. PostgreSQL is stopped for 60 s under a steady stream: live delivery
 * goes on; history answers 503 with {@code Retry-After} (never 500, never a page with a
 * gap) and catches up with each row once when PostgreSQL is back; auth-service answers
 * logins with 503 problem details while tokens it issued earlier keep opening sessions
 * (they are checked against the token cache, not the database); a token the cache lost is
 * answered 503 at the handshake, never 401 or 500.
 */
class PostgresOutageSystemTests {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void deliversLiveAndStoresEveryMessageOnceAcrossADatabaseOutage() throws Exception {
        User alice = User.register();
        User bob = User.register();
        User carol = User.register();
        User dave = User.register();
        int count = 900;
        StackEngine postgres = SystemStack.stack().engine("postgres");
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(1);
            b.connect(2);
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "postgres " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(80));
                }
            }, "sender");
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 40);

            postgres.stop();
            long stopped = System.nanoTime();
            int acceptedAtStop = a.accepted().size();
            List<String> laterOnes = sent.subList(acceptedAtStop + 5, acceptedAtStop + 25);
            await().atMost(WAIT)
                .alias("live delivery goes on without the database")
                .until(() -> b.bodiesFrom(alice.id()).containsAll(laterOnes));
            HttpAnswer sync = bob.get("/api/history/sync?limit=100");
            assertThat(sync.status()).as("sync without the database: %s", sync.body()).isEqualTo(503);
            assertThat(sync.headers().getFirst("Retry-After")).isNotBlank();
            String newcomer = User.newMobile();
            HttpAnswer code = User.post("/api/auth/getcode", "{\"mobile\":\"" + newcomer + "\"}");
            assertThat(code.status()).as("codes live in Redis: %s", code.body()).isEqualTo(202);
            HttpAnswer login = User.post("/api/auth/login",
                    "{\"mobile\":\"" + newcomer + "\",\"activationCode\":\"" + code.text("activationCode") + "\"}");
            assertThat(login.status()).as("login without the database: %s", login.body()).isEqualTo(503);
            assertThat(login.text("code")).isEqualTo("service-unavailable");
            assertThat(login.headers().getFirst("Retry-After")).isNotBlank();
            try (TestWebSocket session = TestWebSocket.connectWithToken(SystemStack.gatewayWebSocket(1, null),
                    carol.token())) {
                assertThat(session.nextOfType("ready", WAIT).path("userId").asLong())
                    .as("a token issued before the outage still opens a session")
                    .isEqualTo(carol.id().value());
            }
            // A token the cache has lost can be checked only against the database: the
            // handshake says "unavailable, retry", not "unauthorized".
            RedisCommands<String, String> redis = SystemStack.redis().sync();
            List<String> cached = redis.keys("auth:token:*");
            if (!cached.isEmpty()) {
                redis.del(cached.toArray(String[]::new));
            }
            assertThatThrownBy(() -> TestWebSocket
                .connect(SystemStack.gatewayWebSocket(1, null), Map.of("Authorization", "Bearer " + dave.token()))
                .close()).isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class,
                        (refused) -> assertThat(refused.status()).isEqualTo(503));
            ChatClient.sleep(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stopped)));
            int acceptedWhileDown = a.accepted().size() - acceptedAtStop;

            postgres.start();
            long restarted = System.nanoTime();
            int acceptedAtRestart = a.accepted().size();
            // Token checks and history answer 503 until their pools reconnect: a client
            // retries those.
            await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> History.conversation(alice, bob.id()).size() >= acceptedAtRestart);
            double caughtUp = (System.nanoTime() - restarted) / 1e9;
            sender.join();

            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            Report.awaitUpTo(Duration.ofSeconds(60), () -> b.bodiesFrom(alice.id()).size() >= count);
            try (ChatClient fresh = new ChatClient(bob, false)) {
                fresh.connect(1);
                assertThat(fresh.bodiesFrom(alice.id())).as("a new device's sync has no gap")
                    .containsExactlyElementsOf(acceptOrder);
            }
            System.out.printf("[system] F4/F5 PostgreSQL stopped for %d s: sent %d, accepted %d (%d while it was down, "
                    + "delivered live); sync, login and a token the cache lost 503; history held (and served) every message accepted by then "
                    + "%.1f s after PostgreSQL's start%n", OUTAGE.toSeconds(), count, a.accepted().size(),
                    acceptedWhileDown, caughtUp);
            Report report = Report.of("F4 PostgreSQL stopped", sent, acceptOrder, b.bodiesFrom(alice.id()),
                    b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            List<JsonNode> stored = History.conversation(alice, bob.id());
            assertThat(stored).extracting((m) -> m.get("sequence").asLong())
                .as("one row per message, sequences without a gap")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, count).boxed().toList());
        }
        finally {
            postgres.start();
        }
    }

}
