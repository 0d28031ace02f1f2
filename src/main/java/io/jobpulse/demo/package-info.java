/**
 * Demo producers, so a newcomer sees live jobs at once (see README, "Endpoints"). They use the public
 * {@link io.jobpulse.job.Jobs} facade like any application would. Switched off with
 * {@code jobpulse.demo.enabled=false}.
 */
package io.jobpulse.demo;
