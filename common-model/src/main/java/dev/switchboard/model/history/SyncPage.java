package dev.switchboard.model.history;

import java.util.List;

/**
 * What changed for the caller after a cursor: messages received, messages sent from any
 * of the caller's devices, and receipts, in the order the server stored them.
 *
 * @param messages new messages, oldest first
 * @param receipts receipt changes, oldest first
 * @param cursor pass as {@code after} next time; it covers everything in this page
 * @param hasMore whether more changes wait beyond this page (ask again at once)
 */
public record SyncPage(List<MessageView> messages, List<ReceiptView> receipts, String cursor, boolean hasMore) {
}
