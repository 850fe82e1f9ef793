package dev.switchboard.gateway.delivery;

import java.util.List;

import dev.switchboard.gateway.session.ClientSession;
import dev.switchboard.gateway.session.CloseCodes;
import dev.switchboard.gateway.session.LocalSessions;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.TokenRevoked;
import dev.switchboard.support.kafka.KafkaEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Closes the local sessions that a revoked token opened (1008, "token revoked"). Every
 * node reads the whole topic, in a consumer group of its own. A record that is not a
 * {@link TokenRevoked} goes to {@code AUTH_REVOCATIONS.DLT}.
 */
@Component
class RevocationListener extends FirstAssignmentAtEnd {

    private final LocalSessions sessions;

    RevocationListener(LocalSessions sessions) {
        this.sessions = sessions;
    }

    @KafkaListener(id = "gateway-revocations", idIsGroup = false, topics = Topics.AUTH_REVOCATIONS,
            groupId = "gateway-${switchboard.gateway.node-id}-revocations",
            properties = "group.instance.id=gateway-${switchboard.gateway.node-id}-revocations")
    void onRevocations(List<ConsumerRecord<String, SwitchboardEvent>> records) {
        KafkaEvents.process(records, (record) -> KafkaEvents.valueOf(record, TokenRevoked.class),
                (revocations) -> revocations.forEach(this::revoke));
    }

    private void revoke(TokenRevoked revoked) {
        for (ClientSession session : this.sessions.of(revoked.userId())) {
            if (session.principal().tokenId() == revoked.tokenId()) {
                session.close(CloseCodes.TOKEN_REVOKED);
            }
        }
    }

}
