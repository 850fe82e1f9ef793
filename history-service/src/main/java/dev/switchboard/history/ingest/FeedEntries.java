package dev.switchboard.history.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends entries to users' feeds (what sync serves), numbering each user's entries from
 * {@code user_sequence}. The numbering locks the users' sequence rows (in user order, so
 * that transactions cannot deadlock on them) until commit: one user's entries therefore
 * commit in sequence order, and a cursor can never pass an entry that is still to come.
 */
@Component
class FeedEntries {

    private final JdbcClient jdbc;

    FeedEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Numbers and inserts entries, in the order given.
     * @param entries the entries, without sequence numbers
     * @return the users' sequence number of each entry, in the same order
     */
    List<Long> append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> counts = new TreeMap<>(
                entries.stream().collect(Collectors.groupingBy(Entry::userId, Collectors.summingInt((entry) -> 1))));
        Map<Long, Long> next = new TreeMap<>();
        this.jdbc.sql("INSERT INTO history.user_sequence (user_id, last_seq) "
                + "SELECT u, n FROM unnest(:users, :counts) AS v(u, n) ORDER BY u "
                + "ON CONFLICT (user_id) DO UPDATE SET last_seq = history.user_sequence.last_seq + excluded.last_seq "
                + "RETURNING user_id, last_seq")
            .param("users", SqlArrays.bigints(counts.keySet()))
            .param("counts", SqlArrays.ints(counts.values()))
            .query((row, n) -> {
                long user = row.getLong("user_id");
                next.put(user, row.getLong("last_seq") - counts.get(user) + 1);
                return user;
            })
            .list();
        List<Long> seqs = new ArrayList<>(entries.size());
        List<Long> users = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        List<UUID> messages = new ArrayList<>();
        List<String> messageLists = new ArrayList<>();
        List<Long> actors = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        for (Entry entry : entries) {
            long seq = next.merge(entry.userId(), 1L, Long::sum) - 1;
            seqs.add(seq);
            users.add(entry.userId());
            kinds.add(entry.kind());
            conversations.add(entry.conversationId());
            messages.add(entry.messageId());
            messageLists.add((entry.messageIds() == null) ? null
                    : entry.messageIds().stream().map(UUID::toString).collect(Collectors.joining(",")));
            actors.add(entry.actorId());
            ats.add(entry.at().toString());
        }
        this.jdbc
            .sql("INSERT INTO history.feed_entry (user_id, seq, kind, conversation_id, message_id, message_ids, "
                    + "actor_id, at) SELECT u, s, k, c, m, string_to_array(ms, ',')::uuid[], a, at::timestamptz "
                    + "FROM unnest(:users, :seqs, :kinds, :conversations, :messages, :messageLists, :actors, :ats) "
                    + "AS v(u, s, k, c, m, ms, a, at)")
            .param("users", SqlArrays.bigints(users))
            .param("seqs", SqlArrays.bigints(seqs))
            .param("kinds", SqlArrays.texts(kinds))
            .param("conversations", SqlArrays.texts(conversations))
            .param("messages", SqlArrays.uuids(messages))
            .param("messageLists", SqlArrays.texts(messageLists))
            .param("actors", SqlArrays.bigints(actors))
            .param("ats", SqlArrays.texts(ats))
            .update();
        return seqs;
    }

    /**
     * A feed entry to append.
     *
     * @param userId whose feed
     * @param kind {@code message}, {@code delivered} or {@code read}
     * @param conversationId the conversation
     * @param messageId the message ({@code message}) or the newest message read
     * ({@code read})
     * @param messageIds the messages delivered ({@code delivered})
     * @param actorId who received or read ({@code delivered}, {@code read})
     * @param at when it happened
     */
    record Entry(long userId, String kind, String conversationId, UUID messageId, List<UUID> messageIds, Long actorId,
            Instant at) {

        static Entry message(long userId, String conversationId, UUID messageId, Instant at) {
            return new Entry(userId, "message", conversationId, messageId, null, null, at);
        }

        static Entry delivered(long userId, String conversationId, List<UUID> messageIds, long actorId, Instant at) {
            return new Entry(userId, "delivered", conversationId, null, messageIds, actorId, at);
        }

        static Entry read(long userId, String conversationId, UUID upToMessageId, long actorId, Instant at) {
            return new Entry(userId, "read", conversationId, upToMessageId, null, actorId, at);
        }

    }

}
