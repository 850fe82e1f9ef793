/**
 * The WebSocket protocol at {@code /messaging}: JSON text frames with a {@code type},
 * {@link dev.switchboard.model.frame.ClientFrame} from clients and
 * {@link dev.switchboard.model.frame.ServerFrame} from the server, plus the seed design's
 * frames that old clients still speak. docs/protocol.md describes each with examples.
 */
package dev.switchboard.model.frame;
