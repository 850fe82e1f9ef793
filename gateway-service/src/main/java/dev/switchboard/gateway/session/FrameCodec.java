package dev.switchboard.gateway.session;

import java.util.UUID;

import dev.switchboard.model.frame.ClientFrame;
import dev.switchboard.model.frame.ErrorCode;
import dev.switchboard.model.frame.SeedFrames;
import dev.switchboard.model.frame.ServerFrame;
import dev.switchboard.model.json.SwitchboardJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Reads client frames (ours and the seed's) and writes server frames.
 */
@Component
public class FrameCodec {

    private final JsonMapper json = SwitchboardJson.newMapper();

    /**
     * Reads a client frame.
     * @param text the frame's text
     * @return the frame; a seed frame comes back as a {@code send}
     * @throws FrameException if it is not JSON, has no known type, or misses a field
     */
    ClientFrame decode(String text) {
        try {
            // The common case, read in one pass; anything else is read again as a tree to
            // tell what is wrong with it (or that it is a seed frame).
            return this.json.readValue(text, ClientFrame.class);
        }
        catch (JacksonException ex) {
            return decodeOther(text);
        }
    }

    private ClientFrame decodeOther(String text) {
        JsonNode node;
        try {
            node = this.json.readTree(text);
        }
        catch (JacksonException ex) {
            throw new FrameException(ErrorCode.BAD_JSON, "The frame is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "A frame is a JSON object.");
        }
        if (node.has("type")) {
            return typed(node);
        }
        if (node.path("topic").isString() && node.has("message")) {
            return seedSend(node);
        }
        throw new FrameException(ErrorCode.UNKNOWN_TYPE, "A frame needs a type.");
    }

    /**
     * Reads the JSON body of a frame whose type another protocol names (a STOMP
     * {@code SEND} to {@code /app/messages} is a {@code send}): the same fields and the
     * same checks as a frame of that type.
     * @param type the frame type ({@code send}, {@code ack}, {@code read} or
     * {@code typing})
     * @param body the JSON object with the frame's other fields
     * @return the frame
     * @throws FrameException as {@link #decode(String)} does
     */
    ClientFrame decode(String type, String body) {
        JsonNode node;
        try {
            node = this.json.readTree(body);
        }
        catch (JacksonException ex) {
            throw new FrameException(ErrorCode.BAD_JSON, "The body is not valid JSON.");
        }
        if (!(node instanceof ObjectNode fields)) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "The body is a JSON object.");
        }
        fields.put("type", type);
        return typed(fields);
    }

    private ClientFrame typed(JsonNode node) {
        try {
            return this.json.treeToValue(node, ClientFrame.class);
        }
        catch (InvalidTypeIdException ex) {
            throw new FrameException(ErrorCode.UNKNOWN_TYPE,
                    "Unknown frame type; a client sends send, ack, read or typing.");
        }
        catch (JacksonException ex) {
            throw new FrameException(ErrorCode.INVALID_FRAME, invalidReason(ex), clientMessageIdOf(node));
        }
    }

    private ClientFrame seedSend(JsonNode node) {
        if (!SeedFrames.SEND_MESSAGE.equals(node.get("topic").asString())) {
            throw new FrameException(ErrorCode.UNKNOWN_TYPE, "The only seed topic is SEND_MESSAGE.");
        }
        SeedFrames.Send seed;
        try {
            seed = this.json.treeToValue(node, SeedFrames.Send.class);
        }
        catch (JacksonException ex) {
            throw new FrameException(ErrorCode.INVALID_FRAME, invalidReason(ex));
        }
        if (seed.message() == null || seed.message().sendTo() == null || seed.message().msg() == null) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "A seed message needs sendTo and msg.");
        }
        // The seed has no client message ids: every seed frame is a new message.
        try {
            return new ClientFrame.Send(UUID.randomUUID().toString(), seed.message().sendTo(), seed.message().msg());
        }
        catch (IllegalArgumentException ex) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "Invalid frame: " + ex.getMessage() + ".");
        }
    }

    /**
     * Writes a server frame.
     * @param frame the frame
     * @return its JSON text
     */
    public String encode(ServerFrame frame) {
        return this.json.writeValueAsString(frame);
    }

    /**
     * Writes a seed delivery.
     * @param delivery the delivery
     * @return its JSON text
     */
    public String encode(SeedFrames.Delivery delivery) {
        return this.json.writeValueAsString(delivery);
    }

    private static String invalidReason(JacksonException ex) {
        Throwable cause = ex;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return "Invalid frame: " + cause.getMessage() + ".";
        }
        return "Invalid frame: a field is missing or malformed.";
    }

    private static String clientMessageIdOf(JsonNode node) {
        JsonNode id = node.get("clientMessageId");
        return (id != null && id.isString()) ? id.asString() : null;
    }

}
