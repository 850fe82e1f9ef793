package dev.switchboard.system;

import java.time.Duration;
import java.util.List;

import dev.switchboard.model.id.ConversationId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1. A on gateway 1 sends to B on gateway 2: delivered live, A gets accepted and then B's
 * delivered receipt, and history shows the message to A and B and not to C.
 */
class LiveDeliveryAcrossNodesSystemTests {

    @Test
    void deliversAcrossNodesWithReceiptsAndShowsHistoryOnlyToParticipants() {
        User alice = User.register();
        User bob = User.register();
        User carol = User.register();
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, true)) {
            a.connect(1);
            b.connect(2);

            String clientMessageId = a.send(bob.id(), "hello across nodes");

            await().atMost(Duration.ofSeconds(20)).until(() -> b.bodiesFrom(alice.id()).contains("hello across nodes"));
            await().atMost(Duration.ofSeconds(20)).until(() -> a.accepted().containsKey(clientMessageId));
            String messageId = a.accepted().get(clientMessageId);
            await().atMost(Duration.ofSeconds(20))
                .until(() -> a.receipts()
                    .stream()
                    .anyMatch((receipt) -> "delivered".equals(receipt.get("status").asString())
                            && receipt.get("messageIds").toString().contains(messageId)));

            List<JsonNode> forAlice = History.conversation(alice, bob.id());
            List<JsonNode> forBob = History.conversation(bob, alice.id());
            String conversation = ConversationId.direct(alice.id(), bob.id()).value();
            assertThat(forAlice).extracting((m) -> m.get("messageId").asString()).containsExactly(messageId);
            assertThat(forBob).extracting((m) -> m.get("messageId").asString()).containsExactly(messageId);
            assertThat(carol.get("/api/history/conversations/" + conversation + "/messages").status()).isEqualTo(404);
            assertThat(History.conversationIds(carol)).doesNotContain(conversation);
            List<String> sent = List.of("hello across nodes");
            Report report = Report.of("1 live across nodes", sent, sent, b.bodiesFrom(alice.id()), b.messageFrames(),
                    b.repeats());
            assertThat(report.perfect()).isTrue();
            System.out.println("[system] 1: accepted, delivered receipt to the sender, history for A and B, 404 for C");
        }
    }

}
