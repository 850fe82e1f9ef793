/**
 * message-service: routes messages, receipts and typing notices to the gateway nodes that
 * hold their recipients.
 */
package dev.switchboard.message;
