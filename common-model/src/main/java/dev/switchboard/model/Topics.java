package dev.switchboard.model;

import java.util.regex.Pattern;

/**
 * The Kafka topics of Switchboard. Topics are declared by the services that produce to
 * them; partitions and replication come from configuration.
 */
public final class Topics {

    /** Accepted messages, keyed by conversation id (the seed design's name). */
    public static final String SEND_MESSAGE = "SEND_MESSAGE";

    /** Delivered and read receipts, keyed by conversation id. */
    public static final String MESSAGE_RECEIPTS = "MESSAGE_RECEIPTS";

    /**
     * The receipts history-service stored, keyed by conversation id: each names only the
     * messages it changed (a message of the sender's, whose recipient issued it, not
     * marked before). message-service routes these to the senders, never the receipts
     * clients sent, so a receipt a client made up reaches nobody.
     */
    public static final String RECEIPTS_STORED = "RECEIPTS_STORED";

    /** Typing notices, keyed by conversation id; short retention, never stored. */
    public static final String TYPING = "TYPING";

    /** Revoked access tokens, keyed by user id; every gateway node reads all of it. */
    public static final String AUTH_REVOCATIONS = "AUTH_REVOCATIONS";

    private static final String GATEWAY_PREFIX = "gateway.";

    private static final Pattern NODE_ID = Pattern.compile("[a-zA-Z0-9_-]{1,100}");

    private Topics() {
    }

    /**
     * The delivery topic of one gateway node.
     * @param nodeId the node's id
     * @return {@code gateway.<nodeId>}
     * @throws IllegalArgumentException if the node id cannot be part of a topic name
     */
    public static String gateway(String nodeId) {
        return GATEWAY_PREFIX + validNodeId(nodeId);
    }

    /**
     * Checks a gateway node id: letters, digits, {@code -} and {@code _}, at most 100.
     * @param nodeId the node id
     * @return the same node id
     * @throws IllegalArgumentException if it is not valid
     */
    public static String validNodeId(String nodeId) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException(
                    "a node id is 1 to 100 letters, digits, '-' or '_', got '" + nodeId + "'");
        }
        return nodeId;
    }

    /**
     * The dead-letter topic of a topic, where records go that failed after retries.
     * @param topic the source topic
     * @return {@code <topic>.DLT}
     */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }

}
