package io.jobpulse.push;

/** What a connection listens to: one job, or every job of one user. */
public record Topic(Kind kind, String id) {

    public enum Kind { JOB, USER }

    public static Topic job(String jobId) {
        return new Topic(Kind.JOB, jobId);
    }

    public static Topic user(String userId) {
        return new Topic(Kind.USER, userId);
    }
}
