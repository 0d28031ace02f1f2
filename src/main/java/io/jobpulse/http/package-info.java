/**
 * HTTP plumbing every JAX-RS resource shares, and no feature of its own: the {@code /api} application
 * ({@link io.jobpulse.http.RestApplication}), the JSON-B settings ({@link io.jobpulse.http.JsonbResolver}),
 * request body limits ({@link io.jobpulse.http.BodyLimit}), OpenAPI examples, and errors as
 * {@code application/problem+json} ({@link io.jobpulse.http.Problem} and the exception mappers): a
 * resource throws {@link io.jobpulse.http.Problem#exception} and the mapper answers it as built; no
 * answer ever carries a stack trace.
 *
 * <p>The features live in their own packages ({@code polling}, {@code ingest}, {@code demo}); who
 * the caller is, is decided in {@code security} ({@link io.jobpulse.security.Authentication}). This
 * package depends on neither, so every feature and {@code security} may use it.
 */
package io.jobpulse.http;
