package dev.switchboard.model.auth;

/**
 * A one-time ticket that lets a browser open the WebSocket
 * ({@code /messaging?ticket=...}) without putting its access token in a URL.
 *
 * @param ticket the ticket; valid once
 * @param expiresInSeconds how long it stays valid (at most 60 seconds)
 */
public record WebSocketTicket(String ticket, long expiresInSeconds) {

    @Override
    public String toString() {
        return "WebSocketTicket[ticket=" + Redact.secret(this.ticket) + ", expiresInSeconds=" + this.expiresInSeconds
                + "]";
    }

}
