package dev.switchboard.model.history;

import java.util.List;

/**
 * One page of a conversation, newest first.
 *
 * @param messages the messages, newest first
 * @param nextCursor pass as {@code before} for the next, older page; absent on the last
 * page
 */
public record MessagePage(List<MessageView> messages, String nextCursor) {
}
