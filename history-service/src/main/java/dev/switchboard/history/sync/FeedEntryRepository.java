package dev.switchboard.history.sync;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/**
 * Reads users' feeds.
 */
interface FeedEntryRepository extends Repository<FeedEntry, FeedEntry.Key> {

    List<FeedEntry> findByKeyUserIdAndKeySeqGreaterThanOrderByKeySeqAsc(long userId, long after, Limit limit);

}
