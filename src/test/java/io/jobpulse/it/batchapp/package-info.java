/**
 * A second application for {@code BatchEventsIT}, deployed next to jobpulse: an ordinary Jakarta
 * Batch application with its own job ({@code payroll}: a chunk step and a batchlet), its own way of
 * starting it (a servlet that calls its {@code JobOperator} for the signed-in user), and no jobpulse
 * code, listener or setting. Whatever jobpulse shows of it comes from Liberty's batch events.
 */
package io.jobpulse.it.batchapp;
