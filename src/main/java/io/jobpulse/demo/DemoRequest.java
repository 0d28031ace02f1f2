package io.jobpulse.demo;

/**
 * Body of {@code POST /api/demo/jobs}; every field optional. Boxed types so that an absent field
 * can take its default.
 */
public record DemoRequest(String userId, Integer steps, Integer stepMillis, Boolean fail) {

    public static final String DEFAULT_USER = "demo";
    public static final int DEFAULT_STEPS = 20;
    public static final int DEFAULT_STEP_MILLIS = 200;
    public static final int MAX_STEPS = 1000;
    public static final int MIN_STEP_MILLIS = 1;
    public static final int MAX_STEP_MILLIS = 10_000;

    /** This request with defaults filled in. */
    public DemoRequest withDefaults() {
        return new DemoRequest(userId == null ? DEFAULT_USER : userId,
                steps == null ? DEFAULT_STEPS : steps,
                stepMillis == null ? DEFAULT_STEP_MILLIS : stepMillis,
                fail != null && fail);
    }
}
