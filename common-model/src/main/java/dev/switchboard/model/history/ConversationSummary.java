package dev.switchboard.model.history;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.UserId;

/**
 * One of the caller's conversations.
 *
 * @param conversationId the conversation
 * @param peerId the other participant
 * @param lastMessage its newest message
 * @param unreadCount messages from the peer that the caller has not read
 */
public record ConversationSummary(ConversationId conversationId, UserId peerId, MessageView lastMessage,
        long unreadCount) {
}
