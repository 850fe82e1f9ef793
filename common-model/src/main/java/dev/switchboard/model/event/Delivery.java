package dev.switchboard.model.event;

import dev.switchboard.model.Require;

import dev.switchboard.model.id.UserId;

/**
 * What message-service produces to a gateway node's own topic ({@code gateway.<nodeId>}),
 * keyed by the user it is for: the node pushes the event to every local session of that
 * user.
 *
 * @param to the user whose sessions get the event
 * @param event a message, a receipt or a typing notice
 */
public record Delivery(UserId to, SwitchboardEvent event) {

    public Delivery {
        Require.present(to, "to");
        Require.present(event, "event");
        if (event instanceof TokenRevoked) {
            throw new IllegalArgumentException("revocations are not delivered to sessions");
        }
    }

}
