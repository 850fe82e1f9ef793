/**
 * Sync ({@code GET /api/history/sync}): everything that changed for the caller after a
 * cursor, read from the caller's feed behind the persistence fence.
 */
package dev.switchboard.history.sync;
