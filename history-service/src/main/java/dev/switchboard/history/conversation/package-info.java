/**
 * The caller's conversations and the pages of one conversation ({@code /api/history}).
 */
package dev.switchboard.history.conversation;
