/**
 * Fixed-window request limits kept in Redis, so every instance counts together.
 */
package dev.switchboard.auth.ratelimit;
