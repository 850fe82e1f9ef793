package dev.switchboard.gateway.delivery;

import java.util.Locale;
import java.util.Set;

import dev.switchboard.gateway.session.SessionGate;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Closes the session gate when the node's delivery or revocation consumer stops for good
 * while the node runs: fenced (another node was started under the same node id and took
 * its static membership), or failed. Such a node would keep sessions that nothing is
 * delivered to any more, so it must leave the load balancer and let its clients go.
 */
@Component
class ConsumerStops {

    private static final Set<String> NODE_CONSUMERS = Set.of("gateway-deliveries", "gateway-revocations");

    private final SessionGate gate;

    ConsumerStops(SessionGate gate) {
        this.gate = gate;
    }

    @EventListener
    void onStopped(ConsumerStoppedEvent event) {
        if (event.getReason() == ConsumerStoppedEvent.Reason.NORMAL) {
            return;
        }
        MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
        String listener = container.getListenerId();
        if (listener != null && NODE_CONSUMERS.contains(listener)) {
            this.gate.consumerStopped(listener + " consumer stopped: "
                    + ((event.getReason() == ConsumerStoppedEvent.Reason.FENCED)
                            ? "fenced, another node runs under this node id"
                            : event.getReason().name().toLowerCase(Locale.ROOT)));
        }
    }

}
