/**
 * auth-service's request limits: per number and per client address, counted in Redis so
 * every instance counts together.
 */
package dev.switchboard.auth.ratelimit;
