package dev.switchboard.history.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.MessageId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a batch of messages in one transaction with a handful of statements, whatever
 * the batch's size. Idempotent: a message already stored (a Kafka redelivery, a resend
 * under the same client message id) changes nothing.
 */
@Component
class MessageStore {

    private final JdbcClient jdbc;

    private final FeedEntries feeds;

    MessageStore(JdbcClient jdbc, FeedEntries feeds) {
        this.jdbc = jdbc;
        this.feeds = feeds;
    }

    /**
     * Stores the messages not stored yet.
     * @param batch messages in the order Kafka delivered them (per conversation, the
     * order the server accepted them)
     * @return how many were new
     */
    @Transactional
    public int store(List<MessageSent> batch) {
        Map<MessageId, MessageSent> unique = new LinkedHashMap<>();
        for (MessageSent message : batch) {
            unique.putIfAbsent(message.messageId(), message);
        }
        if (unique.isEmpty()) {
            return 0;
        }
        // Lock the batch's conversations first (in id order): whoever stores into a
        // conversation holds its row, so the check for stored messages below cannot race.
        Map<String, Long> lastSeq = lockConversations(unique.values());
        Set<UUID> stored = alreadyStored(unique.keySet());
        List<MessageSent> fresh = unique.values()
            .stream()
            .filter((message) -> !stored.contains(message.messageId().value()))
            .toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        List<Long> sequences = new ArrayList<>(fresh.size());
        for (MessageSent message : fresh) {
            sequences.add(lastSeq.merge(message.conversationId().value(), 1L, Long::sum));
        }
        insertMessages(fresh, sequences);
        updateConversations(lastSeq);
        List<FeedEntries.Entry> entries = new ArrayList<>();
        for (MessageSent message : fresh) {
            for (long participant : participants(message)) {
                entries.add(FeedEntries.Entry.message(participant, message.conversationId().value(),
                        message.messageId().value(), message.sentAt()));
            }
        }
        List<Long> feedSeqs = this.feeds.append(entries);
        upsertMembers(fresh, entries, feedSeqs);
        return fresh.size();
    }

    private Map<String, Long> lockConversations(Iterable<MessageSent> messages) {
        TreeSet<String> ids = new TreeSet<>();
        messages.forEach((message) -> ids.add(message.conversationId().value()));
        Map<String, Long> lastSeq = new HashMap<>();
        this.jdbc
            .sql("INSERT INTO history.conversation (id, last_seq) SELECT id, 0 FROM unnest(:ids) AS v(id) ORDER BY id "
                    + "ON CONFLICT (id) DO UPDATE SET last_seq = history.conversation.last_seq RETURNING id, last_seq")
            .param("ids", SqlArrays.texts(ids))
            .query((row, n) -> lastSeq.put(row.getString("id"), row.getLong("last_seq")))
            .list();
        return lastSeq;
    }

    private Set<UUID> alreadyStored(Set<MessageId> ids) {
        List<UUID> values = ids.stream().map(MessageId::value).toList();
        return new HashSet<>(this.jdbc.sql("SELECT id FROM history.message WHERE id = ANY(:ids)")
            .param("ids", SqlArrays.uuids(values))
            .query(UUID.class)
            .list());
    }

    private void insertMessages(List<MessageSent> fresh, List<Long> sequences) {
        this.jdbc
            .sql("INSERT INTO history.message (id, conversation_id, conversation_seq, sender_id, recipient_id, "
                    + "client_message_id, body, sent_at, withheld) SELECT id, c, s, f, t, cm, b, at::timestamptz, w "
                    + "FROM unnest(:ids, :conversations, :seqs, :senders, :recipients, :clientIds, :bodies, :ats, "
                    + ":withheld) AS v(id, c, s, f, t, cm, b, at, w) ON CONFLICT (id) DO NOTHING")
            .param("ids", SqlArrays.uuids(fresh.stream().map((m) -> m.messageId().value()).toList()))
            .param("conversations", SqlArrays.texts(fresh.stream().map((m) -> m.conversationId().value()).toList()))
            .param("seqs", SqlArrays.bigints(sequences))
            .param("senders", SqlArrays.bigints(fresh.stream().map((m) -> m.senderId().value()).toList()))
            .param("recipients", SqlArrays.bigints(fresh.stream().map((m) -> m.recipientId().value()).toList()))
            .param("clientIds", SqlArrays.texts(fresh.stream().map(MessageSent::clientMessageId).toList()))
            .param("bodies", SqlArrays.texts(fresh.stream().map(MessageSent::body).toList()))
            .param("ats", SqlArrays.texts(fresh.stream().map((m) -> m.sentAt().toString()).toList()))
            .param("withheld", SqlArrays.booleans(fresh.stream().map(MessageSent::withheld).toList()))
            .update();
    }

    private void updateConversations(Map<String, Long> lastSeq) {
        this.jdbc
            .sql("UPDATE history.conversation c SET last_seq = v.seq FROM unnest(:ids, :seqs) AS v(id, seq) "
                    + "WHERE c.id = v.id AND c.last_seq < v.seq")
            .param("ids", SqlArrays.texts(lastSeq.keySet()))
            .param("seqs", SqlArrays.bigints(lastSeq.values()))
            .update();
    }

    /**
     * One row per (user, conversation) of the batch: its newest message, and how many of
     * the batch's messages the user has to read.
     */
    private void upsertMembers(List<MessageSent> fresh, List<FeedEntries.Entry> entries, List<Long> feedSeqs) {
        Map<String, Member> members = new LinkedHashMap<>();
        Map<UUID, MessageSent> byId = new HashMap<>();
        fresh.forEach((message) -> byId.put(message.messageId().value(), message));
        for (int i = 0; i < entries.size(); i++) {
            FeedEntries.Entry entry = entries.get(i);
            MessageSent message = byId.get(entry.messageId());
            long user = entry.userId();
            long peer = message.conversationId().peerOf(new dev.switchboard.model.id.UserId(user)).value();
            boolean unread = message.recipientId().value() == user && message.senderId().value() != user;
            Member member = members.computeIfAbsent(user + "/" + entry.conversationId(),
                    (key) -> new Member(user, entry.conversationId(), peer));
            member.lastMessageId = entry.messageId();
            member.lastFeedSeq = feedSeqs.get(i);
            member.unread += unread ? 1 : 0;
        }
        List<Member> rows = List.copyOf(members.values());
        this.jdbc
            .sql("INSERT INTO history.conversation_member (user_id, conversation_id, peer_id, last_message_id, "
                    + "last_feed_seq, unread_count) SELECT * FROM unnest(:users, :conversations, :peers, :messages, "
                    + ":seqs, :unread) ON CONFLICT (user_id, conversation_id) DO UPDATE SET "
                    + "last_message_id = excluded.last_message_id, last_feed_seq = excluded.last_feed_seq, "
                    + "unread_count = history.conversation_member.unread_count + excluded.unread_count")
            .param("users", SqlArrays.bigints(rows.stream().map((m) -> m.userId).toList()))
            .param("conversations", SqlArrays.texts(rows.stream().map((m) -> m.conversationId).toList()))
            .param("peers", SqlArrays.bigints(rows.stream().map((m) -> m.peerId).toList()))
            .param("messages", SqlArrays.uuids(rows.stream().map((m) -> m.lastMessageId).toList()))
            .param("seqs", SqlArrays.bigints(rows.stream().map((m) -> m.lastFeedSeq).toList()))
            .param("unread", SqlArrays.ints(rows.stream().map((m) -> m.unread).toList()))
            .update();
    }

    /**
     * Whose feed and conversation list a message goes to: both participants, or only the
     * sender when it is withheld from the recipient.
     */
    private static long[] participants(MessageSent message) {
        long sender = message.senderId().value();
        long recipient = message.recipientId().value();
        return (sender == recipient || message.withheld()) ? new long[] { sender } : new long[] { sender, recipient };
    }

    private static final class Member {

        final long userId;

        final String conversationId;

        final long peerId;

        UUID lastMessageId;

        long lastFeedSeq;

        int unread;

        Member(long userId, String conversationId, long peerId) {
            this.userId = userId;
            this.conversationId = conversationId;
            this.peerId = peerId;
        }

    }

}
