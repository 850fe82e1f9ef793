/**
 * Logging every service shares: the one console encoder, which keeps credentials out of
 * every line, whoever writes it.
 */
package dev.switchboard.support.logging;
