package dev.switchboard.model;

/**
 * HTTP headers that Switchboard's services set for each other.
 */
public final class Headers {

    /**
     * The client's address as the gateway saw it (the TCP peer, or the entry of
     * {@code X-Forwarded-For} that the deployment's trusted proxies put there). The
     * gateway sets it on every request it routes, replacing whatever the client sent, and
     * the services behind count per-address limits by it: a client cannot pass for
     * another address.
     */
    public static final String CLIENT_ADDRESS = "X-Switchboard-Client-Address";

    private Headers() {
    }

}
