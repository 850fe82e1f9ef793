package dev.switchboard.model.history;

import java.util.List;

/**
 * The caller's conversations, most recently active first.
 *
 * @param conversations the conversations
 * @param nextCursor pass as {@code before} for the next page; absent on the last page
 */
public record ConversationPage(List<ConversationSummary> conversations, String nextCursor) {
}
