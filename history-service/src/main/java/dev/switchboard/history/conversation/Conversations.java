package dev.switchboard.history.conversation;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.switchboard.history.web.NotFoundException;
import dev.switchboard.history.web.Paging;
import dev.switchboard.model.history.ConversationPage;
import dev.switchboard.model.history.ConversationSummary;
import dev.switchboard.model.history.MessagePage;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.UserId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a user's conversations. Only participants see a conversation; to anyone else it
 * does not exist.
 */
@Service
@Transactional(readOnly = true)
class Conversations {

    private static final String MESSAGE_CURSOR = "m";

    private static final String CONVERSATION_CURSOR = "c";

    private final MembershipRepository memberships;

    private final StoredMessageRepository messages;

    Conversations(MembershipRepository memberships, StoredMessageRepository messages) {
        this.memberships = memberships;
        this.messages = messages;
    }

    ConversationPage list(UserId me, String before, int limit) {
        long beforeSeq = Paging.decode(CONVERSATION_CURSOR, before, Long.MAX_VALUE);
        Paging.Rows<Membership> page = Paging.fetch(limit, (fetch) -> this.memberships
            .findByKeyUserIdAndLastFeedSeqLessThanOrderByLastFeedSeqDesc(me.value(), beforeSeq, fetch));
        List<Membership> shown = page.shown();
        Map<UUID, StoredMessage> last = this.messages.findByIdIn(shown.stream().map(Membership::lastMessageId).toList())
            .stream()
            .collect(Collectors.toMap(StoredMessage::id, Function.identity()));
        List<ConversationSummary> summaries = shown.stream()
            .map((member) -> new ConversationSummary(ConversationId.parse(member.conversationId()),
                    new UserId(member.peerId()), last.get(member.lastMessageId()).toView(), member.unreadCount()))
            .toList();
        return new ConversationPage(summaries, page.next(CONVERSATION_CURSOR, Membership::lastFeedSeq));
    }

    MessagePage messages(UserId me, String conversation, String before, int limit) {
        ConversationId id = resolve(me, conversation);
        long beforeSeq = Paging.decode(MESSAGE_CURSOR, before, Long.MAX_VALUE);
        Paging.Rows<StoredMessage> page = Paging.fetch(limit,
                (fetch) -> this.messages.findPage(id.value(), me.value(), beforeSeq, fetch));
        return new MessagePage(page.shown().stream().map(StoredMessage::toView).toList(),
                page.next(MESSAGE_CURSOR, StoredMessage::conversationSeq));
    }

    /**
     * The caller's conversation named by its id, or by the peer's user id.
     */
    private ConversationId resolve(UserId me, String conversation) {
        ConversationId id;
        try {
            id = conversation.startsWith("dm-") ? ConversationId.parse(conversation)
                    : ConversationId.direct(me, UserId.parse(conversation));
        }
        catch (IllegalArgumentException ex) {
            throw notFound();
        }
        if (!id.hasParticipant(me) || this.memberships.findById(new Membership.Key(me.value(), id.value())).isEmpty()) {
            throw notFound();
        }
        return id;
    }

    private static NotFoundException notFound() {
        return new NotFoundException("You have no such conversation.");
    }

}
