package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every event that Switchboard's services exchange through Kafka.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = MessageSent.class, name = MessageSent.TYPE),
        @JsonSubTypes.Type(value = MessagesDelivered.class, name = MessagesDelivered.TYPE),
        @JsonSubTypes.Type(value = MessagesRead.class, name = MessagesRead.TYPE),
        @JsonSubTypes.Type(value = UserTyping.class, name = UserTyping.TYPE),
        @JsonSubTypes.Type(value = TokenRevoked.class, name = TokenRevoked.TYPE),
        @JsonSubTypes.Type(value = BlocksChanged.class, name = BlocksChanged.TYPE) })
public sealed interface SwitchboardEvent permits MessageSent, ReceiptEvent, UserTyping, TokenRevoked, BlocksChanged {

}
