package dev.switchboard.message.routing;

import java.util.List;

import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.ReceiptEvent;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.support.kafka.KafkaEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code SEND_MESSAGE}, {@code RECEIPTS_STORED} (the receipts history-service
 * stored: only those reach the senders, never what a client claimed) and {@code TYPING}
 * in message-service's own consumer group, a poll batch at a time, and routes each batch;
 * the container commits the batch's offsets only after {@link Router#route} returned,
 * that is after every delivery was acknowledged. A record that is not an event of its
 * topic's kind ends the batch: the records before it are routed, and it goes to its
 * topic's {@code .DLT}. Transient failures (Redis or Kafka unavailable) retry the batch
 * until they pass.
 */
@Component
class RoutingListener {

    static final String ID = "message-routing";

    private final Router router;

    RoutingListener(Router router) {
        this.router = router;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = { Topics.SEND_MESSAGE, Topics.RECEIPTS_STORED, Topics.TYPING })
    void onEvents(List<ConsumerRecord<String, SwitchboardEvent>> records) {
        KafkaEvents.process(records,
                (record) -> new Router.Routable(KafkaEvents.valueOf(record, kindOf(record.topic())),
                        record.timestamp()),
                this.router::route);
    }

    private static Class<? extends SwitchboardEvent> kindOf(String topic) {
        return switch (topic) {
            case Topics.SEND_MESSAGE -> MessageSent.class;
            case Topics.RECEIPTS_STORED -> ReceiptEvent.class;
            case Topics.TYPING -> UserTyping.class;
            default -> throw new IllegalStateException("Not subscribed to " + topic);
        };
    }

}
