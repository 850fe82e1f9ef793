/**
 * The records of the history API ({@code /api/history}): conversations, pages of
 * messages, and sync.
 */
package dev.switchboard.model.history;
