package dev.switchboard.model.event;

import java.util.List;
import java.util.Objects;

/**
 * What message-service produces to a gateway node's own topic ({@code gateway.<nodeId>}):
 * the deliveries for that node out of one routed poll batch, in the order they were
 * routed, at most {@value #MAX_DELIVERIES} to a record. One record for many deliveries
 * means one produce, one fetch and one JSON document for them all, where one per delivery
 * cost a Kafka round trip each.
 *
 * @param deliveries the deliveries, 1 to {@value #MAX_DELIVERIES}
 */
public record DeliveryBatch(List<Delivery> deliveries) {

    /** The most deliveries one record carries. */
    public static final int MAX_DELIVERIES = 100;

    public DeliveryBatch {
        if (deliveries == null || deliveries.isEmpty() || deliveries.size() > MAX_DELIVERIES
                || deliveries.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("deliveries are 1 to " + MAX_DELIVERIES + " deliveries");
        }
        deliveries = List.copyOf(deliveries);
    }

    /**
     * A batch of one.
     * @param delivery the delivery
     * @return the batch
     */
    public static DeliveryBatch of(Delivery delivery) {
        return new DeliveryBatch(List.of(delivery));
    }

}
