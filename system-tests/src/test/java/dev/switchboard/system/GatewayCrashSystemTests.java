package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.switchboard.localstack.ServiceProcess;
import dev.switchboard.model.presence.PresenceKeys;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 4. The gateway node holding both A and B is killed (SIGKILL) while A sends: both
 * reconnect to the other node, nothing accepted is lost, and the dead node's presence
 * expires.
 */
class GatewayCrashSystemTests {

    @Test
    void losesNothingAcceptedWhenANodeDies() throws Exception {
        User alice = User.register();
        User bob = User.register();
        int count = 200;
        ServiceProcess doomed = SystemStack.stack().gateway(2);
        RedisCommands<String, String> redis = SystemStack.redis().sync();
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(2);
            b.connect(2);
            List<String> sent = IntStream.range(0, count).mapToObj((i) -> "crash " + i + " " + alice.id()).toList();
            Thread sender = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(10));
                }
            }, "sender");
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().size() >= 50);

            doomed.kill();
            assertThat(a.awaitClosed(Duration.ofSeconds(20))).isNotEqualTo(1000);
            assertThat(b.awaitClosed(Duration.ofSeconds(20))).isNotEqualTo(1000);
            int acceptedWhenKilled = a.accepted().size();
            a.connect(1);
            b.connect(1);
            sender.join();

            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), count);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.bodiesFrom(alice.id()).size() >= count);
            Report report = Report.of("4 gateway killed (" + acceptedWhenKilled + " accepted before the kill)", sent,
                    acceptOrder, b.bodiesFrom(alice.id()), b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(acceptOrder).as("history holds every sent message once")
                .containsExactlyInAnyOrderElementsOf(sent);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<String, String> sessions = redis.hgetall(PresenceKeys.sessionsOf(bob.id()));
                return !sessions.containsValue("gw-2") && redis.exists(PresenceKeys.registeredBy("gw-2")) == 0;
            });
            System.out.println("[system] 4: the dead node's heartbeat ran out and its presence entries were swept");
        }
        finally {
            if (!doomed.isAlive()) {
                SystemStack.restart(doomed);
            }
        }
    }

}
