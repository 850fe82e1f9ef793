/**
 * The events that travel through Kafka, as past-tense records. Every event carries its
 * kind in a {@code type} property, so a consumer can tell them apart and a dead-letter
 * record still says what it was.
 */
package dev.switchboard.model.event;
