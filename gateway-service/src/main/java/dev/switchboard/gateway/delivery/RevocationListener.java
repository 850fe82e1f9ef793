package dev.switchboard.gateway.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.authclient.UserDirectory;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.SessionGate;
import dev.switchboard.gateway.session.SessionRevocations;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.BlocksChanged;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.TokenRevoked;
import dev.switchboard.support.kafka.KafkaEvents;
import dev.switchboard.support.kafka.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Applies token revocations to this node's sessions ({@link SessionRevocations}), and
 * changes of a user's blocks to what the user directory remembers of them. Every node
 * reads the whole topic, in a consumer group of its own. At its first assignment the
 * consumer goes back to {@code revocation-lookback} before the node started, so a logout
 * that happened while the node was starting is not missed; what it reads again is
 * harmless. A record that is neither goes to {@code AUTH_REVOCATIONS.DLT}. The node takes
 * no session before this consumer has its position.
 */
@Component
class RevocationListener implements ConsumerSeekAware {

    private final SessionRevocations revocations;

    private final UserDirectory directory;

    private final SessionGate gate;

    private final long readFromMillis;

    private final AtomicBoolean assignedBefore = new AtomicBoolean();

    RevocationListener(SessionRevocations revocations, UserDirectory directory, SessionGate gate,
            GatewayProperties properties, Clock clock) {
        this.revocations = revocations;
        this.directory = directory;
        this.gate = gate;
        this.readFromMillis = clock.millis() - properties.revocationLookback().toMillis();
    }

    @KafkaListener(id = "gateway-revocations", idIsGroup = false, topics = Topics.AUTH_REVOCATIONS,
            groupId = "gateway-${switchboard.gateway.node-id}-revocations",
            properties = "group.instance.id=gateway-${switchboard.gateway.node-id}-revocations")
    void onRevocations(List<ConsumerRecord<String, SwitchboardEvent>> records) {
        KafkaEvents.process(records, RevocationListener::revocation, (events) -> events.forEach((event) -> {
            if (event instanceof TokenRevoked revoked) {
                this.revocations.revoke(revoked.userId(), revoked.tokenId());
            }
            else if (event instanceof BlocksChanged changed) {
                this.directory.forget(changed.userId());
            }
        }));
    }

    private static SwitchboardEvent revocation(ConsumerRecord<String, SwitchboardEvent> record) {
        SwitchboardEvent event = KafkaEvents.valueOf(record, SwitchboardEvent.class);
        if (!(event instanceof TokenRevoked) && !(event instanceof BlocksChanged)) {
            throw new PoisonRecordException(
                    "Expected TokenRevoked or BlocksChanged but got " + event.getClass().getSimpleName(), null);
        }
        return event;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (assignments.isEmpty()) {
            return;
        }
        if (this.assignedBefore.compareAndSet(false, true)) {
            callback.seekToTimestamp(assignments.keySet(), this.readFromMillis);
        }
        this.gate.revocationsReady();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            this.gate.revocationsUnassigned();
        }
    }

}
