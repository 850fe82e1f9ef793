package dev.switchboard.model.event;

import dev.switchboard.model.Require;

import java.time.Instant;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.UserId;

/**
 * A user is typing to another. Ephemeral: routed to the recipient's live sessions,
 * dropped when there are none, never stored.
 *
 * @param conversationId the conversation
 * @param senderId who types
 * @param recipientId who is told
 * @param at when the gateway took the frame
 */
public record UserTyping(ConversationId conversationId, UserId senderId, UserId recipientId,
        Instant at) implements SwitchboardEvent {

    /** The value of the {@code type} property. */
    public static final String TYPE = "user.typing";

    public UserTyping {
        Require.present(conversationId, "conversationId");
        Require.present(senderId, "senderId");
        Require.present(recipientId, "recipientId");
        Require.present(at, "at");
    }

}
