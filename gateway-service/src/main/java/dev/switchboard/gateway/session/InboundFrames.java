package dev.switchboard.gateway.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.switchboard.authclient.Recipient;
import dev.switchboard.authclient.UserDirectory;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.ingress.KafkaIngress;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.frame.ClientFrame;
import dev.switchboard.model.frame.ErrorCode;
import dev.switchboard.model.frame.ServerFrame;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * Handles the frames a client sends. Runs on the connection's event loop and never
 * blocks: parsing and checks are in memory, Kafka work is handed to {@link KafkaIngress},
 * and answers go to the session's outbound queue. The sender of everything is the
 * session's user; no frame field can change that. A frame that cannot be handled gets an
 * {@code error} frame and the session goes on.
 */
@Component
class InboundFrames {

    private static final Logger logger = LoggerFactory.getLogger(InboundFrames.class);

    private static final CompletableFuture<Recipient> MYSELF = CompletableFuture.completedFuture(Recipient.OPEN);

    private final FrameCodec codec;

    private final KafkaIngress ingress;

    private final GatewayMetrics metrics;

    private final Clock clock;

    private final GatewayProperties.WebSocket properties;

    private final UserDirectory directory;

    InboundFrames(FrameCodec codec, KafkaIngress ingress, UserDirectory directory, GatewayMetrics metrics, Clock clock,
            GatewayProperties properties) {
        this.codec = codec;
        this.ingress = ingress;
        this.directory = directory;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties.websocket();
    }

    void handle(ClientSession session, WebSocketMessage message) {
        long now = System.nanoTime();
        session.seen(now);
        // Every frame costs the budget, whatever its type, before anything answers it.
        switch (session.admit(now)) {
            case REFUSE -> {
                this.metrics.frameIn("invalid");
                reject(session, new FrameException(ErrorCode.RATE_LIMITED,
                        "Too many frames: at most " + this.properties.framesPerSecond() + " per second."));
                return;
            }
            case DROP -> {
                this.metrics.frameIn("invalid");
                return;
            }
            case DISCONNECT -> {
                session.closeAfterQueued(CloseCodes.FLOODING);
                return;
            }
            default -> {
            }
        }
        switch (message.getType()) {
            case TEXT -> text(session, message, now);
            case BINARY -> {
                this.metrics.frameIn("invalid");
                reject(session, new FrameException(ErrorCode.INVALID_FRAME, "Frames are JSON text, not binary."));
            }
            case PING -> {
                this.metrics.frameIn("ping");
                session.pong(payloadOf(message));
            }
            case PONG -> this.metrics.frameIn("pong");
        }
    }

    private void text(ClientSession session, WebSocketMessage message, long now) {
        if (session.stomp() != null) {
            stomp(session, message.getPayloadAsText(), now);
            return;
        }
        try {
            dispatch(session, this.codec.decode(message.getPayloadAsText()), now);
        }
        catch (FrameException ex) {
            this.metrics.frameIn("invalid");
            reject(session, ex);
        }
    }

    /**
     * A STOMP frame: its answer (CONNECTED, a RECEIPT, an ERROR) is written here, and
     * what it asks of the session goes where a {@code /messaging} frame would.
     */
    private void stomp(ClientSession session, String text, long now) {
        StompWire.Step step = session.stomp()
            .read(text, session.userId(), session.id(), this.properties.pingInterval().toMillis());
        if (step instanceof StompWire.Step.Handle handle) {
            if (handle.reply() != null) {
                session.send(handle.reply());
            }
            try {
                dispatch(session, handle.frame(), now);
            }
            catch (FrameException ex) {
                this.metrics.frameIn("invalid");
                reject(session, ex);
            }
        }
        else if (step instanceof StompWire.Step.Close close) {
            this.metrics.frameIn("stomp");
            if (close.text() != null) {
                session.send(close.text());
            }
            session.closeAfterQueued(close.status());
        }
        else if (step instanceof StompWire.Step.Reply reply) {
            this.metrics.frameIn("stomp");
            if (reply.text() != null) {
                session.send(reply.text());
            }
        }
    }

    private void dispatch(ClientSession session, ClientFrame frame, long now) {
        this.metrics.frameIn(frame.typeName());
        if (frame instanceof ClientFrame.Send send) {
            send(session, send, now);
        }
        else if (frame instanceof ClientFrame.Ack ack) {
            ack(session, ack);
        }
        else if (frame instanceof ClientFrame.Read read) {
            read(session, read);
        }
        else if (frame instanceof ClientFrame.Typing typing) {
            typing(session, typing);
        }
    }

    /**
     * A {@code send}: checked in memory, then (after the session's earlier sends) its
     * recipient is checked against the user directory, which answers from memory for
     * every recipient seen lately, and only then is it handed to Kafka. The answer is
     * {@code accepted} on Kafka's acknowledgement, or an error.
     */
    private void send(ClientSession session, ClientFrame.Send send, long receivedNanos) {
        if (MessageSent.utf8Length(send.body()) > this.properties.maxBodySize().toBytes()) {
            throw new FrameException(ErrorCode.BODY_TOO_LARGE,
                    "The body is longer than " + this.properties.maxBodySize().toBytes() + " bytes.",
                    send.clientMessageId());
        }
        UserId me = session.userId();
        ConversationId conversation = ConversationId.direct(me, send.to());
        MessageSent message = new MessageSent(MessageId.derive(me, conversation, send.clientMessageId()),
                send.clientMessageId(), conversation, me, send.to(), send.body(), now(), session.id());
        if (!session.startSend(message.messageId())) {
            this.metrics.resendInFlight();
            return;
        }
        session.afterEarlierSends(() -> recipient(me, send.to()).thenApply((recipient) -> {
            if (!recipient.registered()) {
                throw new FrameException(ErrorCode.UNKNOWN_RECIPIENT, "No user has the id " + send.to() + ".",
                        send.clientMessageId());
            }
            // A blocked sender's message is accepted and kept for the sender, as any
            // other,
            // and never reaches the recipient: nothing tells the sender of the block.
            return this.ingress.send(recipient.blocks(me) ? message.withheldFromRecipient() : message);
        })).thenCompose((acknowledged) -> acknowledged).whenComplete((ok, failure) -> {
            session.endSend(message.messageId());
            if (failure != null) {
                rejectSend(session, send, me, failure);
                return;
            }
            this.metrics.accepted(System.nanoTime() - receivedNanos);
            if (!session.isSeed()) {
                emit(session, ServerFrame.Accepted.of(message));
            }
        });
    }

    private CompletableFuture<Recipient> recipient(UserId me, UserId recipient) {
        return me.equals(recipient) ? MYSELF : this.directory.recipient(recipient);
    }

    private void rejectSend(ClientSession session, ClientFrame.Send send, UserId me, Throwable failure) {
        Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
                : failure;
        if (cause instanceof FrameException refused) {
            reject(session, refused);
            return;
        }
        logger.warn("A message of user {} was not accepted: {}", me, cause.toString());
        reject(session,
                new FrameException(ErrorCode.SEND_FAILED,
                        "The message could not be accepted. Resend it under the same clientMessageId.",
                        send.clientMessageId()));
    }

    private static byte[] payloadOf(WebSocketMessage message) {
        DataBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return bytes;
    }

    private void ack(ClientSession session, ClientFrame.Ack ack) {
        UserId me = session.userId();
        ConversationId conversation = participating(me, ack.conversationId());
        MessagesDelivered event = new MessagesDelivered(conversation, conversation.peerOf(me), me, ack.messageIds(),
                now());
        this.ingress.receipt(event).whenComplete((ok, failure) -> receiptOutcome(session, failure));
    }

    private void read(ClientSession session, ClientFrame.Read read) {
        UserId me = session.userId();
        ConversationId conversation = participating(me, read.conversationId());
        MessagesRead event = new MessagesRead(conversation, conversation.peerOf(me), me, read.upToMessageId(), now());
        this.ingress.receipt(event).whenComplete((ok, failure) -> receiptOutcome(session, failure));
    }

    private void typing(ClientSession session, ClientFrame.Typing typing) {
        UserId me = session.userId();
        UserTyping event = new UserTyping(ConversationId.direct(me, typing.to()), me, typing.to(), now());
        // Typing is ephemeral: a notice Kafka did not take, or one for nobody, is not
        // worth an error frame; one for a user who blocks the typist is not sent at all.
        recipient(me, typing.to()).whenComplete((recipient, failure) -> {
            if (recipient != null && recipient.registered() && !recipient.blocks(me)) {
                this.ingress.typing(event);
            }
        });
    }

    private void receiptOutcome(ClientSession session, Throwable failure) {
        if (failure != null) {
            reject(session,
                    new FrameException(ErrorCode.RECEIPT_FAILED, "The receipt could not be accepted. Send it again."));
        }
    }

    private static ConversationId participating(UserId me, ConversationId conversation) {
        if (!conversation.hasParticipant(me)) {
            throw new FrameException(ErrorCode.NOT_A_PARTICIPANT, "You are not part of this conversation.");
        }
        return conversation;
    }

    private void reject(ClientSession session, FrameException ex) {
        this.metrics.errorSent(ex.code());
        emit(session, new ServerFrame.Error(ex.code(), ex.getMessage(), ex.clientMessageId()));
    }

    private void emit(ClientSession session, ServerFrame frame) {
        String text = session.written(frame, this.codec.encode(frame));
        if (text != null && session.send(text)) {
            this.metrics.frameOut(frame.typeName());
        }
        if (session.stomp() != null && session.stomp().closesAfter(frame)) {
            session.closeAfterQueued(CloseCodes.AFTER_STOMP_ERROR);
        }
    }

    private Instant now() {
        return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
