/**
 * Fixed-window request limits kept in Redis, so every instance of a service counts
 * together.
 */
package dev.switchboard.support.ratelimit;
