package dev.switchboard.message.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.switchboard.message.MessageProperties;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.DeliveryBatch;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.UserId;
import dev.switchboard.support.kafka.TransientFailureException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Routes a batch of events: one presence look-up for all the users it concerns, one
 * delivery per (user, live node), gathered per node into as few records as they fit
 * ({@link DeliveryBatch}), produced asynchronously, then a single wait for every
 * acknowledgement. The batch counts as routed only when Kafka has acknowledged every
 * delivery it caused; until then its offsets are not committed, and a failure routes the
 * whole batch again (gateways and clients collapse the repeats by message id).
 *
 * <p>
 * Who gets what: a message goes to its recipient's sessions and to its sender's other
 * devices (not to the sending session, which got {@code accepted}); a delivered receipt
 * to the messages' sender; a read receipt to the sender and to the reader's devices,
 * including the one that read; a typing notice to its recipient, or nowhere when the
 * recipient is offline. An offline recipient gets nothing here: the client syncs from
 * history when it connects.
 */
@Component
class Router {

    private static final Logger logger = LoggerFactory.getLogger(Router.class);

    private final PresenceDirectory presence;

    private final KafkaTemplate<Object, Object> kafka;

    private final MessageProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final Counter routed;

    private final Counter offlineRecipients;

    private final Counter typingDropped;

    private final Timer latency;

    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();

    Router(PresenceDirectory presence, KafkaTemplate<Object, Object> kafka, MessageProperties properties, Clock clock,
            MeterRegistry meters) {
        this.presence = presence;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.routed = Counter.builder("switchboard.message.routed")
            .description("Events routed (messages, receipts, typing), whether or not anyone was online")
            .register(meters);
        this.offlineRecipients = Counter.builder("switchboard.message.offline.recipients")
            .description("Messages whose recipient had no live session (they sync from history)")
            .register(meters);
        this.typingDropped = Counter.builder("switchboard.message.typing.dropped")
            .description("Typing notices dropped because their recipient was offline")
            .register(meters);
        this.latency = Timer.builder("switchboard.message.routing.latency")
            .description("From an event's record timestamp (set by the producing gateway) to the"
                    + " acknowledgement of its deliveries")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    }

    /**
     * Routes events, in order.
     * @param batch the events and their records' timestamps
     * @throws TransientFailureException if presence could not be read or a delivery was
     * not acknowledged: the batch is to be routed again
     */
    void route(List<Routable> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<UserId> users = new LinkedHashSet<>();
        batch.forEach((routable) -> users.addAll(targets(routable.event())));
        Map<UserId, Map<String, String>> sessions;
        try {
            sessions = this.presence.sessionsOf(users);
        }
        catch (DataAccessException ex) {
            throw new TransientFailureException("Presence cannot be read", ex);
        }
        Map<String, List<Delivery>> byNode = new LinkedHashMap<>();
        for (Routable routable : batch) {
            SwitchboardEvent event = routable.event();
            if (event instanceof MessageSent message && !message.withheld()
                    && sessions.get(message.recipientId()).isEmpty()) {
                this.offlineRecipients.increment();
            }
            if (event instanceof UserTyping typing && sessions.get(typing.recipientId()).isEmpty()) {
                this.typingDropped.increment();
            }
            for (UserId user : targets(event)) {
                for (String node : nodesFor(user, event, sessions.get(user))) {
                    byNode.computeIfAbsent(node, (key) -> new ArrayList<>()).add(new Delivery(user, event));
                }
            }
        }
        List<Pending> pending = new ArrayList<>();
        byNode.forEach((node, deliveries) -> {
            for (int from = 0; from < deliveries.size(); from += DeliveryBatch.MAX_DELIVERIES) {
                List<Delivery> chunk = deliveries.subList(from,
                        Math.min(deliveries.size(), from + DeliveryBatch.MAX_DELIVERIES));
                pending.add(new Pending(node, chunk.size(),
                        this.kafka.send(Topics.gateway(node), null, new DeliveryBatch(chunk))));
            }
        });
        awaitAcknowledgements(pending);
        logger.debug("Routed {} events to {} users: {} records to {} nodes", batch.size(), users.size(), pending.size(),
                byNode.size());
        long now = this.clock.millis();
        for (Routable routable : batch) {
            this.latency.record(Math.max(0, now - routable.timestampMillis()), TimeUnit.MILLISECONDS);
        }
        this.routed.increment(batch.size());
    }

    private void awaitAcknowledgements(List<Pending> pending) {
        long deadline = System.nanoTime() + this.properties.ackTimeout().toNanos();
        for (Pending delivery : pending) {
            try {
                delivery.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                this.deliveries
                    .computeIfAbsent(delivery.node(),
                            (node) -> Counter.builder("switchboard.message.deliveries")
                                .description("Deliveries acknowledged, per gateway node")
                                .tag("node", node)
                                .register(this.meters))
                    .increment(delivery.deliveries());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new TransientFailureException("Interrupted while waiting for acknowledgements", ex);
            }
            catch (ExecutionException | TimeoutException ex) {
                // Even for a node that has died since the look-up: nothing deletes its
                // topic, so such a send normally succeeds, and the retry's look-up leaves
                // the dead node out.
                throw new TransientFailureException("A delivery to node " + delivery.node() + " was not acknowledged",
                        ex);
            }
        }
    }

    /**
     * The nodes that get an event for a user: those holding a session of the user's, but
     * for a message's sender, not the session that sent it (it got {@code accepted}), so
     * a sender with one device causes no delivery of their own.
     */
    private static Set<String> nodesFor(UserId user, SwitchboardEvent event, Map<String, String> sessions) {
        String sendingSession = (event instanceof MessageSent message && user.equals(message.senderId()))
                ? message.senderSessionId() : null;
        Set<String> nodes = new LinkedHashSet<>();
        sessions.forEach((session, node) -> {
            if (!session.equals(sendingSession)) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    private static Set<UserId> targets(SwitchboardEvent event) {
        Set<UserId> targets = new LinkedHashSet<>();
        if (event instanceof MessageSent message) {
            // withheld: the recipient blocks the sender, whose other devices still get it
            if (!message.withheld()) {
                targets.add(message.recipientId());
            }
            targets.add(message.senderId());
        }
        else if (event instanceof MessagesDelivered delivered) {
            targets.add(delivered.senderId());
        }
        else if (event instanceof MessagesRead read) {
            targets.add(read.senderId());
            targets.add(read.recipientId());
        }
        else if (event instanceof UserTyping typing) {
            targets.add(typing.recipientId());
        }
        return targets;
    }

    /**
     * An event to route.
     *
     * @param event the event
     * @param timestampMillis its record's timestamp: the time the producer (a gateway)
     * created the record, by the producer's clock
     */
    record Routable(SwitchboardEvent event, long timestampMillis) {
    }

    private record Pending(String node, int deliveries, CompletableFuture<?> ack) {
    }

}
