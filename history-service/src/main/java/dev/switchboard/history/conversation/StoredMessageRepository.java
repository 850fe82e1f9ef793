package dev.switchboard.history.conversation;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Reads stored messages.
 */
public interface StoredMessageRepository extends Repository<StoredMessage, UUID> {

    /**
     * A page of a conversation as one participant sees it, newest first, before a
     * sequence: without the messages withheld from that participant (their sender is
     * blocked by them).
     * @param conversationId the conversation
     * @param viewer the participant
     * @param before only messages with a lower sequence
     * @param limit the page size
     * @return the messages
     */
    @Query("select m from StoredMessage m where m.conversationId = :conversationId and m.conversationSeq < :before "
            + "and (m.withheld = false or m.senderId = :viewer) order by m.conversationSeq desc")
    List<StoredMessage> findPage(String conversationId, long viewer, long before, Limit limit);

    /**
     * Messages by id.
     * @param ids the ids
     * @return the messages found, in no particular order
     */
    List<StoredMessage> findByIdIn(Collection<UUID> ids);

}
