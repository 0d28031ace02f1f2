/**
 * Deployed only into the integration-test archive: lets tests fire CDI job events inside the server,
 * with or without a JTA transaction, as application code would, see what the hub holds, close its
 * connections from the server side, and cut browsers' sockets (close them and refuse handshakes
 * for a while). Never part of the product WAR.
 */
package io.jobpulse.testsupport;
