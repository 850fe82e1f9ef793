package dev.switchboard.model.event;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.UserId;

/**
 * A receipt: the recipient of messages says it received or read them. Gateways put what
 * clients say on {@code MESSAGE_RECEIPTS}; history-service stores it and puts what it
 * changed on {@code RECEIPTS_STORED}, from where it is routed back to the messages'
 * sender. Both are keyed by conversation.
 */
public sealed interface ReceiptEvent extends SwitchboardEvent permits MessagesDelivered, MessagesRead {

    /**
     * The conversation of the messages.
     * @return the conversation
     */
    ConversationId conversationId();

    /**
     * Who sent the messages (and gets this receipt).
     * @return the original sender
     */
    UserId senderId();

    /**
     * Who received or read the messages (and issued this receipt).
     * @return the recipient
     */
    UserId recipientId();

}
