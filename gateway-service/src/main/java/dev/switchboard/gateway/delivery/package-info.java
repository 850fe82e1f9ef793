/**
 * What the node's own Kafka topics bring: deliveries for local sessions
 * ({@code gateway.<nodeId>}) and token revocations ({@code AUTH_REVOCATIONS}).
 */
package dev.switchboard.gateway.delivery;
