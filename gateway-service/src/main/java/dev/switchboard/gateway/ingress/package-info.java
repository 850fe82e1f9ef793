/**
 * Frames into Kafka: messages to {@code SEND_MESSAGE}, receipts to
 * {@code MESSAGE_RECEIPTS}, typing to {@code TYPING}, each keyed by conversation.
 */
package dev.switchboard.gateway.ingress;
