package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 8. Mallory attacks the public surface (a spoofed sender, other users' history, an
 * oversize frame, malformed JSON, a flood) while A and B talk: Mallory gets the
 * documented errors, and A's and B's traffic is unaffected.
 */
class HostileInputSystemTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void refusesHostileInputAndLeavesOtherUsersAlone() throws Exception {
        User alice = User.register();
        User bob = User.register();
        User mallory = User.register();
        // Written before the traffic thread starts, read by it and by this thread.
        List<String> sent = IntStream.range(0, 50).mapToObj((i) -> "meanwhile " + i + " " + alice.id()).toList();
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, false)) {
            a.connect(1);
            b.connect(2);
            Thread traffic = new Thread(() -> {
                for (String body : sent) {
                    a.send(bob.id(), body);
                    ChatClient.sleep(Duration.ofMillis(40));
                }
            }, "traffic");
            traffic.start();

            try (TestWebSocket m = TestWebSocket.connectWithToken(SystemStack.gatewayWebSocket(1, null),
                    mallory.token())) {
                m.nextOfType("ready", WAIT);
                m.sendJson(Map.of("type", "send", "clientMessageId", "spoof", "to", bob.id().value(), "body",
                        "it's alice, honest", "from", alice.id().value(), "senderId", alice.id().value()));
                assertThat(m.nextOfType("accepted", WAIT).get("clientMessageId").asString()).isEqualTo("spoof");
                await().atMost(WAIT).until(() -> !b.bodiesFrom(mallory.id()).isEmpty());
                JsonNode spoofed = b.messages()
                    .stream()
                    .filter((message) -> message.get("body").asString().equals("it's alice, honest"))
                    .findFirst()
                    .orElseThrow();
                assertThat(spoofed.get("from").asLong()).as("sent as the session's user")
                    .isEqualTo(mallory.id().value());

                m.send("{\"type\":\"send\",");
                assertThat(m.nextOfType("error", WAIT).get("code").asString()).isEqualTo("bad_json");
                m.sendJson(
                        Map.of("type", "send", "clientMessageId", "still-open", "to", bob.id().value(), "body", "ok"));
                assertThat(m.nextOfType("accepted", WAIT).get("clientMessageId").asString()).isEqualTo("still-open");

                m.send("{\"type\":\"send\",\"body\":\"" + "x".repeat(100_000) + "\"}");
                assertThat(m.awaitClose(WAIT).code()).isEqualTo(1009);
            }
            String conversation = ConversationId.direct(alice.id(), bob.id()).value();
            assertThat(mallory.get("/api/history/conversations/" + conversation + "/messages").status()).isEqualTo(404);
            assertThat(History.conversationIds(mallory)).doesNotContain(conversation);
            assertThat(mallory.get("/api/history/sync").body().get("messages").toString()).doesNotContain("meanwhile");

            try (TestWebSocket m = TestWebSocket.connectWithToken(SystemStack.gatewayWebSocket(2, null),
                    mallory.token())) {
                m.nextOfType("ready", WAIT);
                int sentFrames = 0;
                for (int i = 0; i < 20_000 && !m.isClosed(); i++) {
                    try {
                        m.send("{\"type\":\"typing\",\"to\":" + bob.id().value() + "}");
                        sentFrames++;
                        if (sentFrames % 200 == 0) {
                            // a flood still, far over the budget, but one that lets the
                            // client's own reader run now and then
                            ChatClient.sleep(Duration.ofMillis(1));
                        }
                    }
                    catch (RuntimeException closedMeanwhile) {
                        break;
                    }
                }
                JsonNode limited;
                try {
                    limited = m.nextMatching((frame) -> "rate_limited".equals(frame.path("code").asString()), WAIT);
                }
                catch (AssertionError ex) {
                    throw new AssertionError(
                            "No rate_limited frame after " + sentFrames + " frames; the socket "
                                    + (m.isClosed() ? "was closed: " + m.awaitClose(Duration.ofSeconds(1)) : "is open"),
                            ex);
                }
                assertThat(limited).isNotNull();
                TestWebSocket.Closed closed = m.awaitClose(WAIT);
                // 1008 after the queued error; a client still flooding may see the
                // connection cut (1006) before that close frame (FramesIntegrationTests
                // checks the 1008 itself, with a client that stops writing).
                assertThat(closed.code()).isIn(1008, 1006);
            }

            traffic.join();
            await().atMost(Duration.ofSeconds(60)).until(() -> a.pendingCount() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.bodiesFrom(alice.id()).size() >= 50);
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), 50);
            Report report = Report.of("8 hostile input meanwhile", sent, acceptOrder, b.bodiesFrom(alice.id()),
                    b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();
            assertThat(acceptOrder).as("history holds every sent message once")
                .containsExactlyInAnyOrderElementsOf(sent);
            System.out.println("[system] 8: spoofed sender ignored, 404 on others' history, bad_json, 1009, "
                    + "rate_limited then 1008; A->B unaffected");
        }
    }

}
