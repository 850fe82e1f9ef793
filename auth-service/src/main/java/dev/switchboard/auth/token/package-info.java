/**
 * Access tokens: issued at login, stored only as SHA-256 digests in PostgreSQL, cached in
 * Redis for as long as they live, revoked at logout everywhere (database, cache, and the
 * gateways' open sockets through a Kafka event).
 */
package dev.switchboard.auth.token;
