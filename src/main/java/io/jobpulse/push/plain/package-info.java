/**
 * The plain JSON WebSocket endpoint {@code /ws/jobs} (see docs/protocol.md, "Plain WebSocket"), for clients without a
 * Socket.IO library. It only translates frames: rules live in {@link io.jobpulse.push.session.JobsProtocol},
 * delivery in {@link io.jobpulse.push.Hub}.
 */
package io.jobpulse.push.plain;
