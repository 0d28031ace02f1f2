package io.jobpulse.job;

import java.util.regex.Pattern;

/** The shapes of identifiers every entry point accepts (see README, "The job and its rules"), checked in one place. */
public final class Ids {

    /** Job ids: opaque, 1..128 chars of {@code [A-Za-z0-9._:-]}. */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /**
     * User ids: 1..128 chars of {@code [A-Za-z0-9._:@|+-]}, so e-mail addresses and the subjects of
     * common identity providers ({@code auth0|123}, UUIDs) fit, but nothing that needs escaping.
     */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._:@|+-]{1,128}");

    /** Job type labels: 1..64 chars of {@code [A-Za-z0-9._:-]}. */
    public static final Pattern JOB_TYPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public static final String JOB_ID_RULE = "jobId must be 1..128 characters of [A-Za-z0-9._:-]";
    public static final String USER_ID_RULE = "userId must be 1..128 characters of [A-Za-z0-9._:@|+-]";
    public static final String JOB_TYPE_RULE = "type must be 1..64 characters of [A-Za-z0-9._:-]";

    private Ids() {
    }

    public static boolean isJobId(String s) {
        return s != null && JOB_ID.matcher(s).matches();
    }

    public static boolean isUserId(String s) {
        return s != null && USER_ID.matcher(s).matches();
    }

    public static boolean isJobType(String s) {
        return s != null && JOB_TYPE.matcher(s).matches();
    }
}
