/**
 * gateway-service: the only public entry of Switchboard. REST routes to auth- and
 * history-service, and the WebSocket endpoint {@code /messaging}: authenticated sessions,
 * frames into Kafka, and deliveries from the node's own topic out to local sessions.
 */
package dev.switchboard.gateway;
