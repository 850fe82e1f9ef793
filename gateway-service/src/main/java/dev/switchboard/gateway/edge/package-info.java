/**
 * The REST edge: routes, CORS and allowed origins, the first-line rate limit on the auth
 * routes, bearer checks on the history routes, and problem details for what the gateway
 * refuses itself.
 */
package dev.switchboard.gateway.edge;
