/**
 * Deployed only into the Socket.IO conformance test archive (never the product WAR, nor the
 * other ITs' archives): the echo handlers and the {@code /engine.io/} echo endpoint the official
 * Socket.IO and Engine.IO protocol test suites expect a server to have.
 */
package io.jobpulse.testsupport.conformance;
