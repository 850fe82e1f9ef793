package dev.switchboard.history.conversation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/**
 * Reads stored messages.
 */
public interface StoredMessageRepository extends Repository<StoredMessage, UUID> {

    /**
     * A page of a conversation, newest first, before a sequence.
     * @param conversationId the conversation
     * @param before only messages with a lower sequence
     * @param limit the page size
     * @return the messages
     */
    List<StoredMessage> findByConversationIdAndConversationSeqLessThanOrderByConversationSeqDesc(String conversationId,
            long before, Limit limit);

    /**
     * Messages by id.
     * @param ids the ids
     * @return the messages found, in no particular order
     */
    List<StoredMessage> findByIdIn(Collection<UUID> ids);

}
