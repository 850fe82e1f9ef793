package dev.switchboard.gateway.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.model.frame.ClientFrame;
import dev.switchboard.model.frame.ErrorCode;
import dev.switchboard.model.frame.ServerFrame;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * One STOMP session's side of the protocol (issue 12): what each client frame asks of the
 * session machinery that {@code /messaging} uses, and how that machinery's server frames
 * are written for a STOMP client. Identity is the handshake's alone: {@code login},
 * {@code passcode} and any sender field in a body are ignored.
 * <ul>
 * <li>{@code SEND /app/messages}, {@code /app/read}, {@code /app/typing} and
 * {@code /app/ack} carry the JSON fields of a {@code send}, {@code read}, {@code typing}
 * and {@code ack} frame (the last for messages that came by sync, many at once); a
 * {@code receipt} header on a message is answered with {@code RECEIPT} once Kafka has it,
 * with {@code ERROR} otherwise;</li>
 * <li>{@code SUBSCRIBE} to {@code /user/queue/messages} (messages, and receipts unless
 * {@code /user/queue/receipts} is subscribed too), {@code /user/queue/receipts} or
 * {@code /user/queue/typing}; anything else is an {@code ERROR};</li>
 * <li>{@code ACK} of a message of an {@code ack:client-individual} subscription is
 * Switchboard's {@code ack}; {@code NACK} leaves the message unacknowledged (the next
 * sync brings it again).</li>
 * </ul>
 * An {@code ERROR} frame ends the session, as STOMP asks. Reads happen on the session's
 * inbound thread; writes may come from Kafka's threads.
 */
final class StompWire {

    static final String MESSAGES = "/user/queue/messages";

    static final String RECEIPTS = "/user/queue/receipts";

    static final String TYPING = "/user/queue/typing";

    private static final Map<String, String> SENDS = Map.of("/app/messages", "send", "/app/read", "read", "/app/typing",
            "typing", "/app/ack", "ack");

    private static final Set<String> QUEUES = Set.of(MESSAGES, RECEIPTS, TYPING);

    private static final String JSON = "application/json";

    private final StompCodec stomp;

    private final FrameCodec json;

    private volatile boolean connected;

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    // receipt ids asked for by client message id, answered from Kafka's threads
    private final Map<String, String> receipts = new ConcurrentHashMap<>();

    private final AtomicLong written = new AtomicLong();

    StompWire(StompCodec stomp, FrameCodec json) {
        this.stomp = stomp;
        this.json = json;
    }

    /**
     * What a client's WebSocket message asks for.
     * @param text the message
     * @param user the session's user
     * @param sessionId the session's id
     * @param heartBeatMillis how often the server sends heart-beats and wants them
     * @return the step
     */
    Step read(String text, UserId user, String sessionId, long heartBeatMillis) {
        StompCodec.Frame frame;
        try {
            frame = this.stomp.decode(text);
        }
        catch (FrameException ex) {
            return close(error(ex.code(), ex.getMessage(), null));
        }
        if (frame == null) {
            return Step.NOTHING;
        }
        String receipt = frame.header("receipt");
        if (!this.connected) {
            return connect(frame, user, sessionId, heartBeatMillis);
        }
        return switch (frame.command()) {
            case SUBSCRIBE -> subscribe(frame, receipt);
            case UNSUBSCRIBE -> {
                this.subscriptions.values().removeIf((subscription) -> subscription.id().equals(frame.header("id")));
                yield reply(receipt);
            }
            case SEND -> send(frame, receipt);
            case ACK -> ack(frame, receipt);
            case NACK -> reply(receipt);
            case DISCONNECT ->
                new Step.Close((receipt != null) ? receiptFrame(receipt) : null, CloseCodes.STOMP_DISCONNECT);
            case CONNECT, STOMP -> close(error(ErrorCode.INVALID_FRAME, "The session is connected already.", receipt));
            default -> close(error(ErrorCode.INVALID_FRAME,
                    frame.command() + " is not supported here (no transactions, no server frames).", receipt));
        };
    }

    /**
     * Writes a server frame for this session.
     * @param frame the frame
     * @param json the frame as {@code /messaging} writes it: the body of a STOMP
     * {@code MESSAGE}
     * @return the WebSocket message, or {@code null} if this session has nothing to write
     * for it (no subscription for it, no receipt asked for)
     */
    String write(ServerFrame frame, String json) {
        if (frame instanceof ServerFrame.Message message) {
            Subscription subscription = this.subscriptions.get(MESSAGES);
            return (subscription != null) ? message(subscription, MESSAGES, message.messageId().toString(),
                    message.conversationId().value() + "/" + message.messageId(), json) : null;
        }
        if (frame instanceof ServerFrame.Receipt) {
            String destination = this.subscriptions.containsKey(RECEIPTS) ? RECEIPTS : MESSAGES;
            Subscription subscription = this.subscriptions.get(destination);
            return (subscription != null)
                    ? message(subscription, destination, "receipt-" + this.written.incrementAndGet(), null, json)
                    : null;
        }
        if (frame instanceof ServerFrame.Typing) {
            Subscription subscription = this.subscriptions.get(TYPING);
            return (subscription != null)
                    ? message(subscription, TYPING, "typing-" + this.written.incrementAndGet(), null, json) : null;
        }
        if (frame instanceof ServerFrame.Accepted accepted) {
            String receipt = this.receipts.remove(accepted.clientMessageId());
            if (receipt == null) {
                return null;
            }
            // what /messaging's accepted says: the client learns its message's id
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("receipt-id", receipt);
            headers.put("message-id", accepted.messageId().toString());
            headers.put("conversation-id", accepted.conversationId().value());
            headers.put("sent-at", accepted.sentAt().toString());
            return this.stomp.encode(StompCommand.RECEIPT, headers, "");
        }
        if (frame instanceof ServerFrame.Error error) {
            String receipt = (error.clientMessageId() != null) ? this.receipts.remove(error.clientMessageId()) : null;
            return errorFrame(error.code(), error.message(), receipt, json);
        }
        // ready: CONNECTED stands for it
        return null;
    }

    /**
     * Whether the session ends once this frame is written ({@code ERROR}, as STOMP asks).
     * @param frame the frame
     * @return true for an error
     */
    boolean closesAfter(ServerFrame frame) {
        return frame instanceof ServerFrame.Error;
    }

    /**
     * The {@code ERROR} frame that refuses a connection which was to authenticate with
     * its {@code CONNECT} frame.
     * @param reason what refused it, as the handshake's problem type names it
     * ({@code unauthorized}, {@code too-many-sessions}, {@code service-unavailable})
     * @param detail what the client should do
     * @return the frame
     */
    String refusal(String reason, String detail) {
        return this.stomp.encode(StompCommand.ERROR,
                Map.of("message", reason + ": " + detail, "content-type", "text/plain;charset=utf-8"), detail);
    }

    private Step connect(StompCodec.Frame frame, UserId user, String sessionId, long heartBeatMillis) {
        if (frame.command() != StompCommand.CONNECT && frame.command() != StompCommand.STOMP) {
            return close(error(ErrorCode.INVALID_FRAME, "The first frame is CONNECT.", frame.header("receipt")));
        }
        String versions = frame.header("accept-version");
        if (versions == null || !List.of(versions.split(",")).contains("1.2")) {
            return close(error(ErrorCode.INVALID_FRAME, "This server speaks STOMP 1.2.", null));
        }
        this.connected = true;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("version", "1.2");
        headers.put("heart-beat", heartBeatMillis + "," + heartBeatMillis);
        headers.put("session", sessionId);
        headers.put("user-name", user.toString());
        headers.put("server", "Switchboard");
        return new Step.Reply(this.stomp.encode(StompCommand.CONNECTED, headers, ""));
    }

    private Step subscribe(StompCodec.Frame frame, String receipt) {
        String destination = frame.header("destination");
        String id = frame.header("id");
        if (id == null || destination == null || !QUEUES.contains(destination)) {
            return close(error(ErrorCode.INVALID_FRAME,
                    "Subscribe with an id to " + MESSAGES + ", " + RECEIPTS + " or " + TYPING + ".", receipt));
        }
        String ack = frame.header("ack");
        this.subscriptions.put(destination, new Subscription(id, "client-individual".equals(ack)));
        return reply(receipt);
    }

    private Step send(StompCodec.Frame frame, String receipt) {
        String type = SENDS.get(frame.header("destination"));
        if (type == null) {
            return close(error(ErrorCode.INVALID_FRAME, "Send to /app/messages, /app/read, /app/typing or /app/ack.",
                    receipt));
        }
        ClientFrame client;
        try {
            client = this.json.decode(type, frame.body());
        }
        catch (FrameException ex) {
            return close(error(ex.code(), ex.getMessage(), receipt));
        }
        if (client instanceof ClientFrame.Send message) {
            if (receipt != null) {
                this.receipts.put(message.clientMessageId(), receipt);
            }
            return new Step.Handle(client, null);
        }
        // read marks, typing and acks are handed on at once: their receipt says so much
        return new Step.Handle(client, (receipt != null) ? receiptFrame(receipt) : null);
    }

    private Step ack(StompCodec.Frame frame, String receipt) {
        String id = frame.header("id");
        int slash = (id != null) ? id.lastIndexOf('/') : -1;
        ClientFrame.Ack ack;
        try {
            if (slash < 0) {
                throw new IllegalArgumentException("no message");
            }
            ack = new ClientFrame.Ack(ConversationId.parse(id.substring(0, slash)),
                    List.of(MessageId.parse(id.substring(slash + 1))));
        }
        catch (IllegalArgumentException ex) {
            return close(error(ErrorCode.INVALID_FRAME, "ACK the ack header of a MESSAGE.", receipt));
        }
        return new Step.Handle(ack, (receipt != null) ? receiptFrame(receipt) : null);
    }

    private String message(Subscription subscription, String destination, String messageId, String ack, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("subscription", subscription.id());
        headers.put("message-id", messageId);
        headers.put("destination", destination);
        headers.put("content-type", JSON);
        if (ack != null && subscription.clientAck()) {
            headers.put("ack", ack);
        }
        return this.stomp.encode(StompCommand.MESSAGE, headers, body);
    }

    private Step reply(String receipt) {
        return (receipt != null) ? new Step.Reply(receiptFrame(receipt)) : Step.NOTHING;
    }

    private String receiptFrame(String receipt) {
        return this.stomp.encode(StompCommand.RECEIPT, Map.of("receipt-id", receipt), "");
    }

    private String error(ErrorCode code, String message, String receipt) {
        return errorFrame(code, message, receipt, this.json.encode(new ServerFrame.Error(code, message, null)));
    }

    private String errorFrame(ErrorCode code, String message, String receipt, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("message", code.code() + ": " + message);
        headers.put("content-type", JSON);
        if (receipt != null) {
            headers.put("receipt-id", receipt);
        }
        return this.stomp.encode(StompCommand.ERROR, headers, body);
    }

    private static Step close(String errorFrame) {
        return new Step.Close(errorFrame, CloseCodes.AFTER_STOMP_ERROR);
    }

    /**
     * A subscription to one of the user's queues.
     *
     * @param id the client's subscription id
     * @param clientAck whether the client acknowledges each message
     * ({@code ack:client-individual})
     */
    record Subscription(String id, boolean clientAck) {
    }

    /**
     * What a client frame asks of the session.
     */
    sealed interface Step {

        /** A heart-beat, a {@code NACK}, or a frame that needs no answer. */
        Step NOTHING = new Reply(null);

        /**
         * Write this (when not {@code null}) and go on.
         *
         * @param text the frame to write
         */
        record Reply(String text) implements Step {
        }

        /**
         * Hand this frame to the session machinery, as if {@code /messaging} had read it.
         *
         * @param frame the frame
         * @param reply a frame to write at once (a receipt), or {@code null}
         */
        record Handle(ClientFrame frame, String reply) implements Step {
        }

        /**
         * Write this (when not {@code null}: an {@code ERROR} or the {@code RECEIPT} of a
         * {@code DISCONNECT}), then close the session.
         *
         * @param text the frame to write
         * @param status how the connection is closed afterwards
         */
        record Close(String text, CloseStatus status) implements Step {
        }

    }

}
