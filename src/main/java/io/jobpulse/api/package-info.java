/**
 * The HTTP API under {@code /api}: polling of job state (see README, "Endpoints"; docs/delivery.md,
 * "Long-poll") and what every resource shares
 * (the JSON-B resolver, problem-JSON errors, {@link io.jobpulse.api.Authentication} of the bearer
 * token on every request, {@link io.jobpulse.api.BodyLimit}). Errors are
 * {@code application/problem+json} bodies that say what to fix and never carry a stack trace.
 */
package io.jobpulse.api;
