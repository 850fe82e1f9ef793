package dev.switchboard.history.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.ReceiptEvent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a batch of receipts in one transaction. Receipts are per user: the first device
 * that acknowledges a message sets its {@code delivered_at}, the first read sets its
 * {@code read_at}; later ones change nothing and tell nobody. A receipt counts only for
 * messages whose recipient issued it, so nobody can mark another's messages.
 */
@Component
class ReceiptStore {

    private final JdbcClient jdbc;

    private final FeedEntries feeds;

    ReceiptStore(JdbcClient jdbc, FeedEntries feeds) {
        this.jdbc = jdbc;
        this.feeds = feeds;
    }

    /**
     * The ids among these that no stored message has.
     * @param ids message ids
     * @return the unknown ones
     */
    Set<UUID> missing(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<UUID> missing = new HashSet<>(ids);
        missing.removeAll(this.jdbc.sql("SELECT id FROM history.message WHERE id = ANY(:ids)")
            .param("ids", SqlArrays.uuids(ids))
            .query(UUID.class)
            .list());
        return missing;
    }

    /**
     * Applies receipts, in the caller's transaction.
     * @param receipts the receipts, in the order Kafka delivered them
     * @return what changed: the receipts as stored, each naming only messages it changed
     */
    @Transactional
    public Applied apply(List<ReceiptEvent> receipts) {
        if (receipts.isEmpty()) {
            return new Applied(0, List.of());
        }
        // The same lock order as storing messages: conversations first.
        TreeSet<String> conversations = new TreeSet<>();
        receipts.forEach((receipt) -> conversations.add(receipt.conversationId().value()));
        this.jdbc.sql("SELECT id FROM history.conversation WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
            .param("ids", SqlArrays.texts(conversations))
            .query(String.class)
            .list();
        List<FeedEntries.Entry> entries = new ArrayList<>();
        List<ReceiptEvent> stored = new ArrayList<>();
        int changed = applyDelivered(receipts.stream()
            .filter(MessagesDelivered.class::isInstance)
            .map(MessagesDelivered.class::cast)
            .toList(), entries, stored);
        changed += applyRead(
                receipts.stream().filter(MessagesRead.class::isInstance).map(MessagesRead.class::cast).toList(),
                entries, stored);
        this.feeds.append(entries);
        return new Applied(changed, stored);
    }

    /**
     * What a batch of receipts changed.
     *
     * @param messages how many messages changed
     * @param receipts the receipts as stored: delivered receipts per sender and
     * conversation naming the messages they marked, read receipts that moved a read mark
     */
    record Applied(int messages, List<ReceiptEvent> receipts) {
    }

    private int applyDelivered(List<MessagesDelivered> receipts, List<FeedEntries.Entry> entries,
            List<ReceiptEvent> stored) {
        if (receipts.isEmpty()) {
            return 0;
        }
        List<UUID> ids = new ArrayList<>();
        List<Long> senders = new ArrayList<>();
        List<Long> recipients = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        for (MessagesDelivered receipt : receipts) {
            for (MessageId id : receipt.messageIds()) {
                ids.add(id.value());
                senders.add(receipt.senderId().value());
                recipients.add(receipt.recipientId().value());
                conversations.add(receipt.conversationId().value());
                ats.add(receipt.deliveredAt().toString());
            }
        }
        List<DeliveredRow> rows = this.jdbc
            .sql("UPDATE history.message m SET delivered_at = v.at::timestamptz "
                    + "FROM unnest(:ids, :senders, :recipients, :conversations, :ats) AS v(id, s, r, c, at) "
                    + "WHERE m.id = v.id AND m.sender_id = v.s AND m.recipient_id = v.r AND m.conversation_id = v.c "
                    + "AND m.delivered_at IS NULL AND NOT m.withheld "
                    + "RETURNING m.id, m.sender_id, m.recipient_id, m.conversation_id, m.delivered_at")
            .param("ids", SqlArrays.uuids(ids))
            .param("senders", SqlArrays.bigints(senders))
            .param("recipients", SqlArrays.bigints(recipients))
            .param("conversations", SqlArrays.texts(conversations))
            .param("ats", SqlArrays.texts(ats))
            .query((row, n) -> new DeliveredRow(row.getObject("id", UUID.class), row.getLong("sender_id"),
                    row.getLong("recipient_id"), row.getString("conversation_id"),
                    row.getTimestamp("delivered_at").toInstant()))
            .list();
        // One feed entry per (sender, conversation): "these messages of yours were
        // delivered".
        Map<String, Delivered> groups = new LinkedHashMap<>();
        for (DeliveredRow row : rows) {
            groups
                .computeIfAbsent(row.senderId() + "/" + row.conversationId(),
                        (key) -> new Delivered(row.senderId(), row.recipientId(), row.conversationId(), row.at()))
                .messageIds()
                .add(row.id());
        }
        int changed = 0;
        for (Delivered group : groups.values()) {
            entries.add(FeedEntries.Entry.delivered(group.senderId(), group.conversationId(), group.messageIds(),
                    group.recipientId(), group.at()));
            stored.add(new MessagesDelivered(ConversationId.parse(group.conversationId()), new UserId(group.senderId()),
                    new UserId(group.recipientId()), group.messageIds().stream().map(MessageId::new).toList(),
                    group.at()));
            changed += group.messageIds().size();
        }
        return changed;
    }

    private int applyRead(List<MessagesRead> receipts, List<FeedEntries.Entry> entries, List<ReceiptEvent> stored) {
        if (receipts.isEmpty()) {
            return 0;
        }
        // Where each read mark points: the conversation sequence of its message, if the
        // message is the reader's to read.
        List<UUID> upTo = receipts.stream().map((receipt) -> receipt.upToMessageId().value()).distinct().toList();
        Map<UUID, Long> seqOf = new LinkedHashMap<>();
        Map<UUID, String> owner = new LinkedHashMap<>();
        this.jdbc
            .sql("SELECT id, conversation_seq, conversation_id, sender_id, recipient_id FROM history.message "
                    + "WHERE id = ANY(:ids)")
            .param("ids", SqlArrays.uuids(upTo))
            .query((row, n) -> {
                UUID id = row.getObject("id", UUID.class);
                seqOf.put(id, row.getLong("conversation_seq"));
                owner.put(id, row.getString("conversation_id") + "/" + row.getLong("sender_id") + "/"
                        + row.getLong("recipient_id"));
                return id;
            })
            .list();
        // The furthest valid mark per (conversation, reader).
        Map<String, MessagesRead> furthest = new LinkedHashMap<>();
        for (MessagesRead receipt : receipts) {
            UUID id = receipt.upToMessageId().value();
            String expectedOwner = receipt.conversationId().value() + "/" + receipt.senderId().value() + "/"
                    + receipt.recipientId().value();
            if (!expectedOwner.equals(owner.get(id))) {
                continue;
            }
            furthest.merge(receipt.conversationId().value() + "/" + receipt.recipientId().value(), receipt,
                    (a, b) -> (seqOf.get(b.upToMessageId().value()) > seqOf.get(a.upToMessageId().value())) ? b : a);
        }
        if (furthest.isEmpty()) {
            return 0;
        }
        List<MessagesRead> marks = List.copyOf(furthest.values());
        Map<String, Integer> readCounts = new LinkedHashMap<>();
        this.jdbc
            .sql("UPDATE history.message m SET read_at = v.at::timestamptz, "
                    + "delivered_at = coalesce(m.delivered_at, v.at::timestamptz) "
                    + "FROM unnest(:conversations, :readers, :senders, :seqs, :ats) AS v(c, r, s, seq, at) "
                    + "WHERE m.conversation_id = v.c AND m.recipient_id = v.r AND m.sender_id = v.s "
                    + "AND m.conversation_seq <= v.seq AND m.read_at IS NULL AND NOT m.withheld "
                    + "RETURNING m.conversation_id, m.recipient_id")
            .param("conversations", SqlArrays.texts(marks.stream().map((r) -> r.conversationId().value()).toList()))
            .param("readers", SqlArrays.bigints(marks.stream().map((r) -> r.recipientId().value()).toList()))
            .param("senders", SqlArrays.bigints(marks.stream().map((r) -> r.senderId().value()).toList()))
            .param("seqs", SqlArrays.bigints(marks.stream().map((r) -> seqOf.get(r.upToMessageId().value())).toList()))
            .param("ats", SqlArrays.texts(marks.stream().map((r) -> r.readAt().toString()).toList()))
            .query((row, n) -> readCounts.merge(row.getString("conversation_id") + "/" + row.getLong("recipient_id"), 1,
                    Integer::sum))
            .list();
        List<MessagesRead> effective = marks.stream()
            .filter((r) -> readCounts.containsKey(r.conversationId().value() + "/" + r.recipientId().value()))
            .toList();
        if (effective.isEmpty()) {
            return 0;
        }
        this.jdbc
            .sql("UPDATE history.conversation_member cm SET unread_count = greatest(0, cm.unread_count - v.n), "
                    + "last_read_seq = greatest(cm.last_read_seq, v.seq) "
                    + "FROM unnest(:readers, :conversations, :counts, :seqs) AS v(r, c, n, seq) "
                    + "WHERE cm.user_id = v.r AND cm.conversation_id = v.c")
            .param("readers", SqlArrays.bigints(effective.stream().map((r) -> r.recipientId().value()).toList()))
            .param("conversations", SqlArrays.texts(effective.stream().map((r) -> r.conversationId().value()).toList()))
            .param("counts",
                    SqlArrays.ints(effective.stream()
                        .map((r) -> readCounts.get(r.conversationId().value() + "/" + r.recipientId().value()))
                        .toList()))
            .param("seqs",
                    SqlArrays.bigints(effective.stream().map((r) -> seqOf.get(r.upToMessageId().value())).toList()))
            .update();
        int changed = 0;
        for (MessagesRead mark : effective) {
            String conversation = mark.conversationId().value();
            UUID upToId = mark.upToMessageId().value();
            long reader = mark.recipientId().value();
            Instant at = mark.readAt();
            entries.add(FeedEntries.Entry.read(mark.senderId().value(), conversation, upToId, reader, at));
            stored.add(mark);
            if (reader != mark.senderId().value()) {
                entries.add(FeedEntries.Entry.read(reader, conversation, upToId, reader, at));
            }
            changed += readCounts.get(conversation + "/" + reader);
        }
        return changed;
    }

    private record DeliveredRow(UUID id, long senderId, long recipientId, String conversationId, Instant at) {
    }

    private record Delivered(long senderId, long recipientId, String conversationId, Instant at,
            List<UUID> messageIds) {

        Delivered(long senderId, long recipientId, String conversationId, Instant at) {
            this(senderId, recipientId, conversationId, at, new ArrayList<>());
        }

    }

}
