/**
 * The persistence fence: waits until history-service has stored everything that Kafka had
 * accepted at a given moment, so that a sync (or a receipt) never runs ahead of messages
 * still on their way into the store.
 */
package dev.switchboard.history.fence;
