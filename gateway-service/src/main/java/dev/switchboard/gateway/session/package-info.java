/**
 * WebSocket sessions at {@code /messaging}: the authenticated handshake, one
 * {@link dev.switchboard.gateway.session.ClientSession} per connection with a bounded
 * outbound queue and a frame budget, the frames in and out, and keeping sessions alive,
 * honest and closed when they should be.
 */
package dev.switchboard.gateway.session;
