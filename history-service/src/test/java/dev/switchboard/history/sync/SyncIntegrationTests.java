package dev.switchboard.history.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.history.HistoryApi;
import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@HistoryIntegrationTest
class SyncIntegrationTests {

    @Autowired
    Traffic traffic;

    @Autowired
    HistoryApi api;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void servesMyMessagesAfterACursorAndTheReceiptsThatChangedSince() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent one = Traffic.message(alice, bob, "one");
        MessageSent two = Traffic.message(alice, bob, "two");
        MessageSent reply = Traffic.message(bob, alice, "reply");
        this.traffic.sendAndAwaitStored(one, two, reply);
        String alicesToken = TestAuth.tokenFor(alice);

        HttpAnswer first = this.api.sync(alicesToken, null, null).expectStatus(200);
        assertThat(bodies(first)).as("sent from any of my devices, and received")
            .containsExactly("one", "two", "reply");
        assertThat(first.body().get("hasMore").asBoolean()).isFalse();

        this.traffic.send(Traffic.delivered(one, two), Traffic.readUpTo(one));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpAnswer next = this.api.sync(alicesToken, first.text("cursor"), null).expectStatus(200);
            assertThat(next.body().get("messages")).isEmpty();
            JsonNode receipts = next.body().get("receipts");
            assertThat(receipts).hasSize(2);
            assertThat(receipts.get(0).get("status").asString()).isEqualTo("delivered");
            assertThat(receipts.get(0).get("messageIds")).hasSize(2);
            assertThat(receipts.get(1).get("status").asString()).isEqualTo("read");
            assertThat(receipts.get(1).get("upToMessageId").asString()).isEqualTo(one.messageId().toString());
            assertThat(receipts.get(1).get("by").asLong()).isEqualTo(bob.value());
        });
    }

    @Test
    void pagesThroughAlongSyncWithoutGapsOrRepeats() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        List<MessageSent> sent = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            sent.add(Traffic.message(alice, bob, "m" + i));
        }
        this.traffic.sendAndAwaitStored(sent.toArray(MessageSent[]::new));
        String token = TestAuth.tokenFor(bob);

        List<String> received = new ArrayList<>();
        String cursor = null;
        boolean more;
        do {
            HttpAnswer page = this.api.sync(token, cursor, 50).expectStatus(200);
            received.addAll(bodies(page));
            cursor = page.text("cursor");
            more = page.body().get("hasMore").asBoolean();
        }
        while (more);

        assertThat(received).containsExactlyElementsOf(sent.stream().map(MessageSent::body).toList());
        assertThat(bodies(this.api.sync(token, cursor, 50).expectStatus(200))).isEmpty();
    }

    @Test
    void includesAMessageThatKafkaAcceptedJustBeforeTheSync() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        String token = TestAuth.tokenFor(bob);
        String cursor = this.api.sync(token, null, null).expectStatus(200).text("cursor");

        for (int i = 0; i < 10; i++) {
            MessageSent inFlight = Traffic.message(alice, bob, "in flight " + i);
            this.traffic.send(inFlight);

            HttpAnswer answer = this.api.sync(token, cursor, null).expectStatus(200);

            assertThat(bodies(answer)).as("accepted before the sync began, so it is in the answer")
                .containsExactly("in flight " + i);
            cursor = answer.text("cursor");
        }
    }

    @Test
    void answers503WhileHistoryIsBehindAndServesOnceItCaughtUp() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        String token = TestAuth.tokenFor(bob);
        this.listeners.getListenerContainer("history-messages").stop();
        try {
            this.traffic.send(Traffic.message(alice, bob, "waiting"));

            HttpAnswer behind = this.api.sync(token, null, null).expectStatus(503);

            assertThat(behind.text("code")).isEqualTo("catching-up");
            assertThat(behind.headers().getFirst("Retry-After")).isEqualTo("1");
        }
        finally {
            this.listeners.getListenerContainer("history-messages").start();
        }
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(bodies(this.api.sync(token, null, null).expectStatus(200)))
                .containsExactly("waiting"));
    }

    private static List<String> bodies(HttpAnswer answer) {
        List<String> bodies = new ArrayList<>();
        answer.body().get("messages").forEach((message) -> bodies.add(message.get("body").asString()));
        return bodies;
    }

}
