package dev.switchboard.gateway.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.model.frame.ErrorCode;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * STOMP 1.2 frames in WebSocket text messages, read and written with spring-messaging's
 * {@link StompDecoder} and {@link StompEncoder} (which handle the header escapes and the
 * NUL terminator). One WebSocket message carries one frame, or a heart-beat (an
 * end-of-line alone), as stomp.js and spring-messaging's clients send them. Header names
 * and values are kept as the client wrote them; what a header means is decided by the
 * session, not here.
 *
 * <p>
 * The first building block of the {@code /stomp} endpoint (issue 12); the endpoint itself
 * maps these frames onto the session machinery that {@code /messaging} uses.
 */
final class StompCodec {

    /** A heart-beat, as sent and as received. */
    static final String HEART_BEAT = "\n";

    private final StompDecoder decoder = new StompDecoder();

    private final StompEncoder encoder = new StompEncoder();

    /**
     * Reads one WebSocket text message.
     * @param text the message
     * @return the frame, or {@code null} for a heart-beat
     * @throws FrameException ({@code invalid_frame}) if the text is not exactly one
     * complete STOMP frame
     */
    Frame decode(String text) {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        List<Message<byte[]>> messages;
        try {
            messages = this.decoder.decode(buffer);
        }
        catch (RuntimeException ex) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "Not a STOMP frame: " + ex.getMessage());
        }
        if (messages.isEmpty() || buffer.hasRemaining() && !onlyLineEnds(buffer)) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "An incomplete STOMP frame (no NUL at its end).");
        }
        // End-of-lines around a frame are heart-beats to the decoder.
        Message<byte[]> message = null;
        StompHeaderAccessor accessor = null;
        for (Message<byte[]> candidate : messages) {
            StompHeaderAccessor headers = MessageHeaderAccessor.getAccessor(candidate, StompHeaderAccessor.class);
            if (headers == null || SimpMessageType.HEARTBEAT.equals(headers.getMessageType())) {
                continue;
            }
            if (message != null) {
                throw new FrameException(ErrorCode.INVALID_FRAME, "One STOMP frame per WebSocket message.");
            }
            message = candidate;
            accessor = headers;
        }
        if (message == null) {
            return null;
        }
        StompCommand command = accessor.getCommand();
        if (command == null) {
            throw new FrameException(ErrorCode.INVALID_FRAME, "A STOMP frame without a command.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> nativeHeaders = accessor.toNativeHeaderMap();
        nativeHeaders.forEach((name, values) -> {
            if (!values.isEmpty()) {
                // STOMP 1.2: of repeated headers, the first counts
                headers.put(name, values.get(0));
            }
        });
        return new Frame(command, headers, new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    /**
     * Writes a frame, escaping its header values as STOMP 1.2 asks.
     * @param command the command
     * @param headers its headers, in order
     * @param body its body, or an empty string
     * @return the WebSocket text message
     */
    String encode(StompCommand command, Map<String, String> headers, String body) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
        headers.forEach(accessor::setNativeHeader);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        // StompEncoder writes content-length itself for the commands that carry a body.
        return new String(this.encoder.encode(accessor.getMessageHeaders(), payload), StandardCharsets.UTF_8);
    }

    private static boolean onlyLineEnds(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte next = buffer.get();
            if (next != '\n' && next != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * A STOMP frame as a client sent it.
     *
     * @param command the command
     * @param headers the headers (the first of each name), in order
     * @param body the body as text
     */
    record Frame(StompCommand command, Map<String, String> headers, String body) {

        /**
         * A header.
         * @param name its name
         * @return its value, or {@code null}
         */
        String header(String name) {
            return this.headers.get(name);
        }

    }

}
