package dev.switchboard.system;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10. A browser-style STOMP client (a one-time ticket at the handshake, STOMP 1.2 frames
 * at {@code /stomp}) on gateway node 1 chats with a {@code /messaging} client on node 2,
 * through message-service: each side's message reaches the other, and each side's
 * acknowledgement comes back as a "delivered" receipt.
 */
class StompSystemTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void chatsBetweenAStompClientAndAMessagingClientAcrossNodes() throws Exception {
        User alice = User.register();
        User bob = User.register();
        String ticket = alice.post("/api/auth/ws-ticket").expectStatus(200).text("ticket");
        URI stomp = URI.create("ws://localhost:" + SystemStack.stack().gateway(1).port() + "/stomp?ticket=" + ticket);
        try (TestWebSocket a = TestWebSocket.connect(stomp, Map.of()); ChatClient b = new ChatClient(bob, true)) {
            b.connect(2);
            a.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:10000,10000\n\n\u0000");
            Frame connected = Frame.next(a);
            assertThat(connected.command()).isEqualTo("CONNECTED");
            assertThat(connected.headers().get("user-name")).isEqualTo(alice.id().toString());
            a.send("SUBSCRIBE\nid:messages\ndestination:/user/queue/messages\nack:client-individual\n\n\u0000");
            a.send("SUBSCRIBE\nid:receipts\ndestination:/user/queue/receipts\nreceipt:subscribed\n\n\u0000");
            assertThat(Frame.next(a).headers().get("receipt-id")).isEqualTo("subscribed");

            a.send("SEND\ndestination:/app/messages\nreceipt:r-1\ncontent-type:application/json\n\n"
                    + "{\"clientMessageId\":\"stomp-1\",\"to\":" + bob.id().value() + ",\"body\":\"from a browser\"}"
                    + "\u0000");
            Frame receipt = Frame.next(a);
            assertThat(receipt.command()).isEqualTo("RECEIPT");
            assertThat(receipt.headers().get("receipt-id")).isEqualTo("r-1");
            await().atMost(WAIT).until(() -> b.bodiesFrom(alice.id()).contains("from a browser"));
            Frame delivered = Frame.next(a);
            assertThat(delivered.headers().get("subscription")).isEqualTo("receipts");
            JsonNode tick = User.JSON.readTree(delivered.body());
            assertThat(tick.get("status").asString()).isEqualTo("delivered");
            assertThat(tick.get("by").asLong()).isEqualTo(bob.id().value());

            b.send(alice.id(), "from the app");
            Frame message = Frame.next(a);
            assertThat(message.command()).isEqualTo("MESSAGE");
            assertThat(message.headers().get("subscription")).isEqualTo("messages");
            JsonNode body = User.JSON.readTree(message.body());
            assertThat(body.get("body").asString()).isEqualTo("from the app");
            assertThat(body.get("from").asLong()).isEqualTo(bob.id().value());
            a.send("ACK\nid:" + message.headers().get("ack") + "\n\n\u0000");
            await().atMost(WAIT)
                .until(() -> b.receipts()
                    .stream()
                    .anyMatch((r) -> "delivered".equals(r.get("status").asString())
                            && r.get("by").asLong() == alice.id().value()));

            a.send("DISCONNECT\nreceipt:bye\n\n\u0000");
            assertThat(Frame.next(a).headers().get("receipt-id")).isEqualTo("bye");
            assertThat(a.awaitClose(WAIT).code()).isEqualTo(1000);
            System.out.println("[system] 10 STOMP: a ticket-authenticated STOMP client on node 1 and a /messaging "
                    + "client on node 2 exchanged a message each way, RECEIPT after Kafka's ack, delivered ticks "
                    + "both ways, DISCONNECT with its receipt");
        }
    }

    @Test
    void servesSpringsStompClient() throws Exception {
        User alice = User.register();
        User bob = User.register();
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JsonText());
        // receipts and heart-beats are timed on it
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        client.setTaskScheduler(scheduler);
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.add("Authorization", "Bearer " + alice.token());
        StompHeaders connect = new StompHeaders();
        connect.setLogin(bob.id().toString());
        connect.setPasscode("not used");
        String url = "ws://localhost:" + SystemStack.stack().gateway(2).port() + "/stomp";
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        try (ChatClient b = new ChatClient(bob, false)) {
            b.connect(1);
            StompSession session = client.connectAsync(url, handshake, connect, new StompSessionHandlerAdapter() {
            }).get(20, TimeUnit.SECONDS);
            session.setAutoReceipt(true);
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            session.subscribe("/user/queue/messages", new StompFrameHandler() {

                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return String.class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    messages.add((String) payload);
                }

            }).addReceiptTask(() -> subscribed.complete(null));
            subscribed.get(20, TimeUnit.SECONDS);

            StompHeaders send = new StompHeaders();
            send.setDestination("/app/messages");
            send.setContentType(MimeTypeUtils.APPLICATION_JSON);
            CompletableFuture<Void> receipted = new CompletableFuture<>();
            session
                .send(send,
                        "{\"clientMessageId\":\"spring-1\",\"to\":" + bob.id().value() + ",\"body\":\"from spring\"}")
                .addReceiptTask(() -> receipted.complete(null));
            receipted.get(20, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> b.bodiesFrom(alice.id()).contains("from spring"));
            assertThat(b.messages()
                .stream()
                .filter((m) -> m.get("body").asString().equals("from spring"))
                .findFirst()
                .orElseThrow()
                .get("from")
                .asLong()).as("the handshake's user, not the login").isEqualTo(alice.id().value());

            b.send(alice.id(), "to spring");
            String body = messages.poll(20, TimeUnit.SECONDS);
            assertThat(body).isNotNull();
            assertThat(User.JSON.readTree(body).get("body").asString()).isEqualTo("to spring");
            session.disconnect();
            System.out.println("[system] 10 STOMP: spring-messaging's WebSocketStompClient connected (its login "
                    + "ignored), subscribed and sent with receipts, and exchanged a message with a /messaging client");
        }
        finally {
            client.stop();
            scheduler.shutdown();
        }
    }

    /**
     * The frames' JSON as text, for a client that reads it itself.
     */
    private static final class JsonText extends StringMessageConverter {

        JsonText() {
            addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
        }

    }

    /**
     * A STOMP frame as the test reads it (the gateway's own reader is not public).
     */
    private record Frame(String command, Map<String, String> headers, String body) {

        static Frame next(TestWebSocket socket) {
            String text = socket.nextText(WAIT);
            int end = text.indexOf("\n\n");
            String[] lines = text.substring(0, end).split("\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
            String body = text.substring(end + 2);
            return new Frame(lines[0], headers, body.substring(0, body.indexOf('\u0000')));
        }

    }

}
