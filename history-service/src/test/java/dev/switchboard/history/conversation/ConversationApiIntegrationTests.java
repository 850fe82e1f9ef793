package dev.switchboard.history.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import dev.switchboard.history.HistoryApi;
import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@HistoryIntegrationTest
class ConversationApiIntegrationTests {

    @Autowired
    Traffic traffic;

    @Autowired
    HistoryApi api;

    @Test
    void pagesThroughBothDirectionsOfAConversationNewestFirst() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        List<MessageSent> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add((i % 3 == 0) ? Traffic.message(bob, alice, "b" + i) : Traffic.message(alice, bob, "a" + i));
        }
        this.traffic.sendAndAwaitStored(sent.toArray(MessageSent[]::new));
        String token = TestAuth.tokenFor(alice);

        List<String> bodies = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpAnswer page = this.api.messages(token, ConversationId.direct(alice, bob).value(), cursor, 10)
                .expectStatus(200);
            for (JsonNode message : page.body().get("messages")) {
                bodies.add(message.get("body").asString());
                sequences.add(message.get("sequence").asLong());
            }
            cursor = page.text("nextCursor");
            pages++;
        }
        while (cursor != null);

        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>(sent.stream().map(MessageSent::body).toList());
        Collections.reverse(expected);
        assertThat(bodies).containsExactlyElementsOf(expected);
        assertThat(sequences).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
    }

    @Test
    void findsAConversationByThePeersId() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        this.traffic.sendAndAwaitStored(Traffic.message(alice, bob, "hi"));

        HttpAnswer page = this.api.messages(TestAuth.tokenFor(bob), alice.toString(), null, null).expectStatus(200);

        assertThat(page.body().get("messages")).hasSize(1);
        assertThat(page.body().get("messages").get(0).get("senderId").asLong()).isEqualTo(alice.value());
    }

    @Test
    void listsMyConversationsWithTheirLastMessageAndMyUnreadCount() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId carol = TestAuth.newUser();
        this.traffic.sendAndAwaitStored(Traffic.message(bob, alice, "from bob 1"),
                Traffic.message(bob, alice, "from bob 2"), Traffic.message(alice, bob, "to bob"));
        this.traffic.sendAndAwaitStored(Traffic.message(carol, alice, "from carol"));

        JsonNode conversations = this.api.conversations(TestAuth.tokenFor(alice), null, null)
            .expectStatus(200)
            .body()
            .get("conversations");

        assertThat(conversations).hasSize(2);
        assertThat(conversations.get(0).get("peerId").asLong()).as("most recent first").isEqualTo(carol.value());
        assertThat(conversations.get(0).get("unreadCount").asLong()).isEqualTo(1);
        assertThat(conversations.get(1).get("peerId").asLong()).isEqualTo(bob.value());
        assertThat(conversations.get(1).get("lastMessage").get("body").asString()).isEqualTo("to bob");
        assertThat(conversations.get(1).get("unreadCount").asLong()).isEqualTo(2);
    }

    @Test
    void pagesThroughConversations() {
        UserId alice = TestAuth.newUser();
        List<MessageSent> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(Traffic.message(TestAuth.newUser(), alice, "hello " + i));
        }
        this.traffic.sendAndAwaitStored(sent.toArray(MessageSent[]::new));
        String token = TestAuth.tokenFor(alice);

        HttpAnswer first = this.api.conversations(token, null, 3).expectStatus(200);
        HttpAnswer second = this.api.conversations(token, first.text("nextCursor"), 3).expectStatus(200);

        assertThat(first.body().get("conversations")).hasSize(3);
        assertThat(second.body().get("conversations")).hasSize(2);
        assertThat(second.text("nextCursor")).isNull();
    }

    @Test
    void showsAThirdUserNothingOfAConversation() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId carol = TestAuth.newUser();
        this.traffic.sendAndAwaitStored(Traffic.message(alice, bob, "private"));
        String carolsToken = TestAuth.tokenFor(carol);
        String conversation = ConversationId.direct(alice, bob).value();

        assertNotFound(this.api.messages(carolsToken, conversation, null, null));
        assertNotFound(this.api.messages(carolsToken, alice.toString(), null, null));
        assertThat(this.api.conversations(carolsToken, null, null).expectStatus(200).body().get("conversations"))
            .isEmpty();
        assertThat(this.api.sync(carolsToken, null, null).expectStatus(200).body().get("messages")).isEmpty();
    }

    @Test
    void answersAnUnknownPeerOrMalformedConversationWith404() {
        String token = TestAuth.tokenFor(TestAuth.newUser());

        assertNotFound(this.api.messages(token, TestAuth.newUser().toString(), null, null));
        assertNotFound(this.api.messages(token, "dm-9-3", null, null));
        assertNotFound(this.api.messages(token, "not-a-conversation", null, null));
    }

    @Test
    void refusesBadCursorsAndPageSizes() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        this.traffic.sendAndAwaitStored(Traffic.message(alice, bob, "hi"));
        String token = TestAuth.tokenFor(alice);
        String conversation = bob.toString();

        assertProblem(this.api.messages(token, conversation, "garbage!", null), 400, "invalid-cursor");
        assertProblem(this.api.messages(token, conversation, "Zi4x", null), 400, "invalid-cursor");
        assertProblem(this.api.messages(token, conversation, null, 0), 400, "invalid-request");
        assertProblem(this.api.messages(token, conversation, null, 101), 400, "invalid-request");
        assertProblem(this.api.get(token, "/api/history/conversations?limit=many"), 400, "bad-request");
        assertProblem(this.api.sync(token, "garbage", null), 400, "invalid-cursor");
    }

    @Test
    void refusesCallsWithoutAValidToken() {
        assertProblem(this.api.conversations(null, null, null), 401, "unauthorized");
        assertProblem(this.api.conversations("not-a-token", null, null), 401, "unauthorized");
        assertProblem(this.api.conversations("A".repeat(43), null, null), 401, "unauthorized");
        TestAuth.Issued issued = TestAuth.issue(TestAuth.newUser(), java.time.Duration.ofDays(1));
        String revoked = issued.token();
        TestAuth.revoke(issued);
        assertProblem(this.api.sync(revoked, null, null), 401, "unauthorized");
    }

    private static void assertNotFound(HttpAnswer answer) {
        assertProblem(answer, 404, "not-found");
    }

    private static void assertProblem(HttpAnswer answer, int status, String code) {
        answer.expectStatus(status);
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.text("code")).isEqualTo(code);
    }

}
