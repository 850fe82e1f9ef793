package dev.switchboard.gateway.delivery;

import java.util.List;

import dev.switchboard.gateway.session.ClientSession;
import dev.switchboard.gateway.session.CloseCodes;
import dev.switchboard.gateway.session.LocalSessions;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.TokenRevoked;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Closes the local sessions that a revoked token opened (1008, "token revoked"). Every
 * node reads the whole topic, in a consumer group of its own.
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
        for (ConsumerRecord<String, SwitchboardEvent> record : records) {
            if (record.value() instanceof TokenRevoked revoked) {
                for (ClientSession session : this.sessions.of(revoked.userId())) {
                    if (session.principal().tokenId() == revoked.tokenId()) {
                        session.close(CloseCodes.TOKEN_REVOKED);
                    }
                }
            }
        }
    }

}
