/**
 * Routing: every message, receipt and typing notice, to the gateway nodes that hold the
 * sessions of the users it concerns, one poll batch at a time.
 */
package dev.switchboard.message.routing;
