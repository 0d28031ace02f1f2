/**
 * Deployed only into the integration-test archive: lets tests fire CDI job events inside the server,
 * with or without a JTA transaction, as application code would, and look at or close the hub's
 * connections from the server side. Never part of the product WAR.
 */
package io.jobpulse.testsupport;
