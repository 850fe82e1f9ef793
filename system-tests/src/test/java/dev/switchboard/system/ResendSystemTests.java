package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.switchboard.model.frame.ClientFrame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 6. A sends, loses the connection before the answer, reconnects and resends under the
 * same client message id: one message, for B and in history.
 */
class ResendSystemTests {

    @Test
    void makesOneMessageOfAResendAfterADroppedConnection() {
        User alice = User.register();
        User bob = User.register();
        String clientMessageId = UUID.randomUUID().toString();
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            b.connect(2);
            a.connect(1);
            a.sendRaw(User.JSON.writeValueAsString(new ClientFrame.Send(clientMessageId, bob.id(), "said twice")));
            a.abort();

            a.sendAs(clientMessageId, bob.id(), "said twice");
            a.connect(2);

            await().atMost(Duration.ofSeconds(30)).until(() -> a.accepted().containsKey(clientMessageId));
            List<String> stored = History.bodiesOnceStored(alice, bob.id(), 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.bodiesFrom(alice.id()).contains("said twice"));
            b.disconnect();
            b.connect(1);

            Report report = Report.of("6 resend after a dropped connection", List.of("said twice"), stored,
                    b.bodiesFrom(alice.id()), b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            List<JsonNode> history = History.conversation(alice, bob.id());
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("clientMessageId").asString()).isEqualTo(clientMessageId);
        }
    }

}
