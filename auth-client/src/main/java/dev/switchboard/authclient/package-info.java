/**
 * How every Switchboard service checks a bearer token or a WebSocket ticket: one verifier
 * over auth-service's Redis token cache, falling back to auth-service's introspection
 * endpoint. auth-service writes the cache with the same codec, so the format lives once.
 */
package dev.switchboard.authclient;
