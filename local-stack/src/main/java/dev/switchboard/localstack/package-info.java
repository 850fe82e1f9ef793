/**
 * The whole suite on one machine with nothing installed but a JDK: PostgreSQL (zonky) and
 * Redis (embedded-redis) in this process, a real KRaft Kafka broker and every service as
 * child processes. The same API starts the stack for the system tests.
 */
package dev.switchboard.localstack;
