/**
 * Kafka conventions: JSON values written with Switchboard's mapper, topics declared from
 * configuration, and one error handler that retries transient failures until they pass
 * and dead-letters poison records.
 */
package dev.switchboard.support.kafka;
