package dev.switchboard.history.conversation;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/**
 * Reads users' conversations.
 */
interface MembershipRepository extends Repository<Membership, Membership.Key> {

    Optional<Membership> findById(Membership.Key key);

    List<Membership> findByKeyUserIdAndLastFeedSeqLessThanOrderByLastFeedSeqDesc(long userId, long before, Limit limit);

}
