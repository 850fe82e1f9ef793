package dev.switchboard.system;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

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
            ChatClient.sleep(Duration.ofSeconds(1));

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
            String mobile = User.register().mobile();
            JsonNode code = User.post("/api/auth/getcode", "{ \"mobile\": \"" + mobile + "\" }", 202);
            assertThat(code.get("activationCode").asString()).hasSize(6);
            JsonNode login = User.post("/api/auth/login", "{\"mobile\":\"" + mobile + "\",\"activationCode\":\""
                    + code.get("activationCode").asString() + "\"}", 200);
            return new Seed(login.get("userId").asLong(), login.get("accessToken").asString());
        }

    }

}
