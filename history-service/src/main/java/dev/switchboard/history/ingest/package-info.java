/**
 * Stores what Kafka brings: messages from {@code SEND_MESSAGE} and receipts from
 * {@code MESSAGE_RECEIPTS}, a poll batch per transaction, idempotently, with offsets
 * committed only after the rows are; the receipts that changed something go on to
 * {@code RECEIPTS_STORED}.
 */
package dev.switchboard.history.ingest;
