package dev.switchboard.gateway.delivery;

import java.util.List;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.session.ClientSession;
import dev.switchboard.gateway.session.FrameCodec;
import dev.switchboard.gateway.session.LocalSessions;
import dev.switchboard.gateway.session.SessionGate;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.DeliveryBatch;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.frame.SeedFrames;
import dev.switchboard.model.frame.ServerFrame;
import dev.switchboard.support.kafka.KafkaEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Pushes what {@code gateway.<nodeId>} brings (batches of deliveries, in order) to every
 * local session of each delivery's user. A message goes to all of the user's sessions
 * except the one that sent it (which got {@code accepted}); seed clients get messages
 * only, in the seed's format. Each frame is written to JSON once, however many sessions
 * get it. A user with no session here any more gets nothing: the client syncs when it
 * reconnects.
 */
@Component
class DeliveryListener extends FirstAssignmentAtEnd {

    private final LocalSessions sessions;

    private final FrameCodec codec;

    private final GatewayMetrics metrics;

    private final SessionGate gate;

    DeliveryListener(LocalSessions sessions, FrameCodec codec, GatewayMetrics metrics, SessionGate gate) {
        this.sessions = sessions;
        this.codec = codec;
        this.metrics = metrics;
        this.gate = gate;
    }

    @KafkaListener(id = "gateway-deliveries", idIsGroup = false, topics = "gateway.${switchboard.gateway.node-id}",
            groupId = "gateway-${switchboard.gateway.node-id}",
            properties = {
                    "spring.deserializer.value.delegate.class=dev.switchboard.support.kafka.DeliveryDeserializer",
                    // Static membership: a node restarted under its id takes its
                    // partition
                    // back at once instead of waiting out its dead predecessor's session.
                    "group.instance.id=gateway-${switchboard.gateway.node-id}" })
    void onDeliveries(List<ConsumerRecord<String, DeliveryBatch>> records) {
        KafkaEvents.process(records, (record) -> KafkaEvents.valueOf(record, DeliveryBatch.class),
                (batches) -> batches.forEach((batch) -> batch.deliveries().forEach(this::deliver)));
    }

    @Override
    void assigned() {
        this.gate.deliveriesReady();
    }

    @Override
    void unassigned() {
        this.gate.deliveriesUnassigned();
    }

    private void deliver(Delivery delivery) {
        ClientSession[] targets = this.sessions.of(delivery.to());
        if (targets.length == 0) {
            this.metrics.undeliverable();
            return;
        }
        SwitchboardEvent event = delivery.event();
        // Each written once for all the sessions that take it.
        ServerFrame server = null;
        String frame = null;
        String seedFrame = null;
        for (ClientSession session : targets) {
            if (event instanceof MessageSent message && session.id().equals(message.senderSessionId())) {
                continue;
            }
            String text;
            String type;
            if (session.isSeed()) {
                if (!(event instanceof MessageSent message)) {
                    continue;
                }
                seedFrame = (seedFrame != null) ? seedFrame : this.codec.encode(SeedFrames.Delivery.of(message));
                text = seedFrame;
                type = "seed";
            }
            else {
                server = (server != null) ? server : serverFrameOf(event);
                frame = (frame != null) ? frame : this.codec.encode(server);
                // a STOMP session wraps it for its subscription, or has none for it
                text = session.written(server, frame);
                type = server.typeName();
            }
            if (text != null && session.send(text)) {
                this.metrics.frameOut(type);
                this.metrics.delivered();
            }
        }
    }

    private static ServerFrame serverFrameOf(SwitchboardEvent event) {
        if (event instanceof MessageSent message) {
            return ServerFrame.Message.of(message);
        }
        if (event instanceof MessagesDelivered delivered) {
            return ServerFrame.Receipt.of(delivered);
        }
        if (event instanceof MessagesRead read) {
            return ServerFrame.Receipt.of(read);
        }
        if (event instanceof UserTyping typing) {
            return ServerFrame.Typing.of(typing);
        }
        throw new IllegalArgumentException("Not deliverable to a session: " + event.getClass().getSimpleName());
    }

}
