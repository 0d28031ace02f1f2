/**
 * What the integration tests in {@code io.jobpulse.it} share, and no test of its own: the archives
 * they deploy ({@link io.jobpulse.it.harness.TestApp}, {@link io.jobpulse.it.harness.SecureApp},
 * {@link io.jobpulse.it.harness.SocketIoApp}), the server they talk to
 * ({@link io.jobpulse.it.harness.Server}, {@link io.jobpulse.it.harness.ArquillianClient}, or a
 * {@link io.jobpulse.it.harness.LibertyNode} of their own), real clients (HTTP, plain WebSocket,
 * raw and library Socket.IO, a headless browser and its page objects) and a {@link io.jobpulse.it.harness.TcpProxy}
 * to cut connections.
 */
package io.jobpulse.it.harness;
