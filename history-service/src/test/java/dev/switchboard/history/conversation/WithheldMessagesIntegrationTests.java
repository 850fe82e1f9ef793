package dev.switchboard.history.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.history.HistoryApi;
import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message withheld from its recipient (the recipient blocks the sender) is stored once
 * and shown to its sender like any other, and to the recipient nowhere: not in the
 * conversation's pages, the conversation list, the unread count or sync; receipts the
 * recipient makes up for it change nothing.
 */
@HistoryIntegrationTest
class WithheldMessagesIntegrationTests {

    @Autowired
    Traffic traffic;

    @Autowired
    HistoryApi api;

    @Test
    void showsAWithheldMessageToItsSenderOnly() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent before = Traffic.message(alice, bob, "before the block");
        MessageSent withheld = Traffic.message(alice, bob, "while blocked").withheldFromRecipient();
        MessageSent reply = Traffic.message(bob, alice, "bob writes anyway");
        this.traffic.sendAndAwaitStored(before, withheld, reply);
        String aliceToken = TestAuth.tokenFor(alice);
        String bobToken = TestAuth.tokenFor(bob);
        String conversation = ConversationId.direct(alice, bob).value();

        assertThat(bodies(this.api.messages(aliceToken, conversation, null, null).expectStatus(200).body()))
            .containsExactly("bob writes anyway", "while blocked", "before the block");
        assertThat(bodies(this.api.messages(bobToken, conversation, null, null).expectStatus(200).body()))
            .containsExactly("bob writes anyway", "before the block");
        assertThat(syncedBodies(bobToken)).containsExactly("before the block", "bob writes anyway");
        assertThat(syncedBodies(aliceToken)).containsExactly("before the block", "while blocked", "bob writes anyway");
        JsonNode bobsList = this.api.conversations(bobToken, null, null).expectStatus(200).body().get("conversations");
        assertThat(bobsList).hasSize(1);
        assertThat(bobsList.get(0).get("unreadCount").asInt()).as("only the message before the block").isEqualTo(1);
    }

    @Test
    void takesNoReceiptForAWithheldMessage() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent shown = Traffic.message(alice, bob, "shown");
        MessageSent withheld = Traffic.message(alice, bob, "withheld").withheldFromRecipient();
        this.traffic.sendAndAwaitStored(shown, withheld);
        String aliceToken = TestAuth.tokenFor(alice);
        String conversation = ConversationId.direct(alice, bob).value();

        // bob guesses the withheld message's id and acknowledges and reads both
        this.traffic.send(Traffic.delivered(shown, withheld), Traffic.readUpTo(withheld));

        await().atMost(Duration.ofSeconds(20)).until(() -> message(aliceToken, conversation, "shown").has("readAt"));
        JsonNode hidden = message(aliceToken, conversation, "withheld");
        assertThat(hidden.has("deliveredAt")).isFalse();
        assertThat(hidden.has("readAt")).isFalse();
    }

    private JsonNode message(String token, String conversation, String body) {
        for (JsonNode message : this.api.messages(token, conversation, null, null)
            .expectStatus(200)
            .body()
            .get("messages")) {
            if (message.get("body").asString().equals(body)) {
                return message;
            }
        }
        throw new AssertionError("no message " + body);
    }

    private List<String> syncedBodies(String token) {
        List<String> bodies = new ArrayList<>();
        this.api.sync(token, null, 100)
            .expectStatus(200)
            .body()
            .get("messages")
            .forEach((message) -> bodies.add(message.get("body").asString()));
        return bodies;
    }

    private static List<String> bodies(JsonNode page) {
        List<String> bodies = new ArrayList<>();
        page.get("messages").forEach((message) -> bodies.add(message.get("body").asString()));
        return bodies;
    }

}
