package dev.switchboard.gateway.delivery;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Starts a node's consumer at the end of its topic: what was there before the node
 * started was for sessions of an earlier run, whose clients sync when they reconnect. A
 * later reassignment (after a consumer restart) resumes from the committed offset, so
 * nothing for a live session is skipped.
 */
abstract class FirstAssignmentAtEnd implements ConsumerSeekAware {

    private final AtomicBoolean assignedBefore = new AtomicBoolean();

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!assignments.isEmpty() && this.assignedBefore.compareAndSet(false, true)) {
            callback.seekToEnd(assignments.keySet());
        }
        if (!assignments.isEmpty()) {
            assigned();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            unassigned();
        }
    }

    /**
     * Called once the consumer has its partitions and position.
     */
    void assigned() {
    }

    /**
     * Called when the consumer has lost its partitions (until it is assigned again).
     */
    void unassigned() {
    }

}
