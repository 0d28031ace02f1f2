package io.jobpulse.job;

/**
 * Fired (synchronously, in this JVM) when someone asks to cancel a job: producers running here
 * observe it, stop the work and confirm with a {@code cancelled} event. {@code job} is the state
 * with {@link Job#cancelRequested()} set.
 */
public record CancelRequested(Job job) {
}
