package dev.switchboard.model;

import java.time.Instant;
import java.util.List;

import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.TokenRevoked;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * Object mother for contract events.
 */
public final class Events {

    public static final UserId ALICE = new UserId(11);

    public static final UserId BOB = new UserId(22);

    public static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");

    private Events() {
    }

    public static MessageSent messageSent() {
        return messageSent(ALICE, BOB, "c-1", "hello");
    }

    public static MessageSent messageSent(UserId from, UserId to, String clientMessageId, String body) {
        return new MessageSent(MessageId.derive(from, ConversationId.direct(from, to), clientMessageId),
                clientMessageId, ConversationId.direct(from, to), from, to, body, NOW, "s-1");
    }

    public static MessagesDelivered delivered() {
        return new MessagesDelivered(ConversationId.direct(ALICE, BOB), ALICE, BOB,
                List.of(MessageId.derive(ALICE, ConversationId.direct(ALICE, BOB), "c-1"),
                        MessageId.derive(ALICE, ConversationId.direct(ALICE, BOB), "c-2")),
                NOW);
    }

    public static MessagesRead read() {
        return new MessagesRead(ConversationId.direct(ALICE, BOB), ALICE, BOB,
                MessageId.derive(ALICE, ConversationId.direct(ALICE, BOB), "c-2"), NOW);
    }

    public static UserTyping typing() {
        return new UserTyping(ConversationId.direct(ALICE, BOB), ALICE, BOB, NOW);
    }

    public static TokenRevoked revoked() {
        return new TokenRevoked(7, ALICE, NOW);
    }

}
