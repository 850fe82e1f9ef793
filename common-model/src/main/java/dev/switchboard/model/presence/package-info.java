/**
 * The layout of the presence registry in Redis, which gateways write and message-service
 * reads.
 */
package dev.switchboard.model.presence;
