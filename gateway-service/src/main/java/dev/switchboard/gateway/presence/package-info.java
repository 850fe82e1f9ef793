/**
 * The node's side of the presence registry in Redis: its sessions registered and removed,
 * its heartbeat, and the removal of dead nodes' entries.
 */
package dev.switchboard.gateway.presence;
