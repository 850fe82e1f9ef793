package dev.switchboard.history.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.switchboard.history.HistoryProperties;
import dev.switchboard.history.conversation.StoredMessage;
import dev.switchboard.history.conversation.StoredMessageRepository;
import dev.switchboard.history.fence.PersistenceFence;
import dev.switchboard.history.web.Paging;
import dev.switchboard.model.Topics;
import dev.switchboard.model.history.MessageView;
import dev.switchboard.model.history.ReceiptView;
import dev.switchboard.model.history.SyncPage;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

import org.springframework.stereotype.Service;

/**
 * Serves a user's feed after a cursor. Two mechanisms keep the cursor from skipping
 * anything:
 * <ul>
 * <li>the persistence fence: before reading, wait until everything Kafka had accepted
 * when the sync began is stored (a message on its way into the store is in this answer,
 * not lost between live delivery and sync);</li>
 * <li>the per-user sequence: a user's entries commit in sequence order, so an entry that
 * commits late cannot have a number below a cursor already handed out.</li>
 * </ul>
 */
@Service
class Sync {

    private static final String CURSOR = "f";

    private static final List<String> FENCED = List.of(Topics.SEND_MESSAGE, Topics.MESSAGE_RECEIPTS);

    private final FeedEntryRepository feed;

    private final StoredMessageRepository messages;

    private final PersistenceFence fence;

    private final HistoryProperties properties;

    Sync(FeedEntryRepository feed, StoredMessageRepository messages, PersistenceFence fence,
            HistoryProperties properties) {
        this.feed = feed;
        this.messages = messages;
        this.fence = fence;
        this.properties = properties;
    }

    SyncPage changesAfter(UserId me, String after, int limit) {
        long afterSeq = Paging.decode(CURSOR, after, 0);
        this.fence.await(FENCED, this.properties.syncFenceTimeout());
        return read(me, afterSeq, limit);
    }

    // No transaction: a feed entry commits together with the message it names, so the
    // second query finds every message the first one's entries name.
    private SyncPage read(UserId me, long afterSeq, int limit) {
        Paging.Rows<FeedEntry> page = Paging.fetch(limit,
                (fetch) -> this.feed.findByKeyUserIdAndKeySeqGreaterThanOrderByKeySeqAsc(me.value(), afterSeq, fetch));
        List<FeedEntry> shown = page.shown();
        Map<UUID, StoredMessage> stored = this.messages
            .findByIdIn(shown.stream().filter((e) -> "message".equals(e.kind())).map(FeedEntry::messageId).toList())
            .stream()
            .collect(Collectors.toMap(StoredMessage::id, Function.identity()));
        List<MessageView> views = new ArrayList<>();
        List<ReceiptView> receipts = new ArrayList<>();
        for (FeedEntry entry : shown) {
            ConversationId conversation = ConversationId.parse(entry.conversationId());
            switch (entry.kind()) {
                case "message" -> views.add(stored.get(entry.messageId()).toView());
                case "delivered" -> receipts.add(new ReceiptView(ReceiptView.Status.DELIVERED, conversation,
                        Arrays.stream(entry.messageIds()).map(MessageId::new).toList(), null,
                        new UserId(entry.actorId()), entry.at()));
                case "read" -> receipts.add(new ReceiptView(ReceiptView.Status.READ, conversation, null,
                        new MessageId(entry.messageId()), new UserId(entry.actorId()), entry.at()));
                default -> throw new IllegalStateException("Unknown feed entry kind " + entry.kind());
            }
        }
        return new SyncPage(views, receipts, Paging.encode(CURSOR, page.lastPosition(FeedEntry::seq, afterSeq)),
                page.more());
    }

}
