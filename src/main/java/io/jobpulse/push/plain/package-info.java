/**
 * The plain JSON WebSocket endpoint {@code /ws/jobs} (see docs/protocol.md, "Plain WebSocket"), for clients without a
 * Socket.IO library. It only translates frames: {@link io.jobpulse.push.plain.PlainDecoder} reads a text
 * frame into a request, {@link io.jobpulse.push.plain.PlainFrames} writes the reply; the rules live in
 * {@link io.jobpulse.push.session.JobsProtocol}, delivery in {@link io.jobpulse.push.Hub}.
 */
package io.jobpulse.push.plain;
