package dev.switchboard.system;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import dev.switchboard.test.TestWebSocket;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 7. The seed design's client flow, unchanged: getcode (the code is in the answer under
 * the local profile), login, a WebSocket opened with {@code ?accessToken=}, the seed's
 * frame, and the seed's delivery format.
 */
class SeedClientSystemTests {

    @Test
    void worksForTheSeedsClientUnchanged() throws Exception {
        Seed alice = Seed.login();
        Seed bob = Seed.login();
        try (TestWebSocket a = TestWebSocket.connect(SystemStack.gatewayWebSocket(1, "accessToken=" + alice.token),
                Map.of());
                TestWebSocket b = TestWebSocket.connect(SystemStack.gatewayWebSocket(2, "accessToken=" + bob.token),
                        Map.of())) {
            // The seed's client gets no ready frame: Bob is reachable once his session is
            // in the presence registry.
            RedisCommands<String, String> redis = SystemStack.redis().sync();
            await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.hlen(PresenceKeys.sessionsOf(new UserId(bob.userId))) > 0);

            a.send("{\"topic\":\"SEND_MESSAGE\",\"message\":{\"accessToken\":\"" + alice.token + "\",\"sendTo\":\""
                    + bob.userId + "\",\"msg\":\"hi from the seed\"}}");

            JsonNode delivery = b.next(Duration.ofSeconds(20));
            assertThat(delivery.get("topic").asString()).isEqualTo("SEND_MESSAGE");
            assertThat(delivery.get("msg").asString()).isEqualTo("hi from the seed");
            assertThat(delivery.get("senderId").asLong()).isEqualTo(alice.userId);
            assertThat(a.drain(Duration.ofMillis(500))).as("the seed's client gets no frames it does not know")
                .isEmpty();
            System.out
                .println("[system] 7: seed getcode/login/?accessToken=/SEND_MESSAGE frame -> {msg, senderId, topic}");
        }
    }

    private record Seed(long userId, String token) {

        static Seed login() {
            String mobile = User.newMobile();
            JsonNode code = User.post("/api/auth/getcode", "{ \"mobile\": \"" + mobile + "\" }", 202);
            assertThat(code.get("activationCode").asString()).hasSize(6);
            JsonNode login = User.post("/api/auth/login", "{\"mobile\":\"" + mobile + "\",\"activationCode\":\""
                    + code.get("activationCode").asString() + "\"}", 200);
            return new Seed(login.get("userId").asLong(), login.get("accessToken").asString());
        }

    }

}
