/**
 * JMS ingest: a message-driven bean on a configurable queue takes the same JSON events as HTTP ingest
 * and applies them through the same {@link io.jobpulse.ingest.EventIngest}.
 *
 * <p>Key decisions:
 * <ul>
 *   <li><b>Works with no broker installed.</b> The queue and the dead-letter queue live on Liberty's
 *       embedded messaging engine ({@code liberty-config/messaging.xml}); the code only knows the JNDI
 *       names {@code jms/jobpulse/connectionFactory}, {@code jms/jobpulse/events},
 *       {@code jms/jobpulse/deadLetters}, so an external provider is a configuration change.</li>
 *   <li><b>Nothing is lost silently.</b> Unreadable messages, bad events and events the lifecycle
 *       rejects (progress going backwards, an unknown job without userId) go to the dead-letter queue
 *       with the reason as properties; ignored events (late, for a finished job) are not errors
 *       (see README, "The job and its rules") and are only counted. A message that keeps failing is moved there by the engine
 *       after five deliveries.</li>
 *   <li><b>Order.</b> One consumer by default ({@code jobpulse.jms.max-concurrency=1}), so the events of a
 *       job are applied in queue order.</li>
 *   <li><b>Redelivery.</b> A rolled-back delivery is delivered again and its events applied again;
 *       give events an {@code eventId} and the replay guard applies each once.</li>
 * </ul>
 */
package io.jobpulse.ingest.jms;
