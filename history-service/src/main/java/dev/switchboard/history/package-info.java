/**
 * history-service: persists every message exactly once and serves history and sync.
 */
package dev.switchboard.history;
