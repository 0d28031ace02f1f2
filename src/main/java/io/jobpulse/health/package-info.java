/**
 * MicroProfile Health probes with stable names, one class per probe: {@code /health/live},
 * {@code /health/ready}, {@code /health/started}. Readiness reflects the dependencies an
 * orchestrator should stop routing traffic for ({@code jobpulse-store}: the database,
 * {@code jobpulse-redis}: cluster fan-out when configured); liveness only what a restart would fix.
 */
package io.jobpulse.health;
