package io.jobpulse.job;

/** The shapes of identifiers every entry point accepts (see README, "The job and its rules"), checked in one place. */
public final class Ids {

    public static final String JOB_ID_RULE = "jobId must be 1..128 characters of [A-Za-z0-9._:-]";
    public static final String USER_ID_RULE = "userId must be 1..128 characters of [A-Za-z0-9._:@|+-]";
    public static final String JOB_TYPE_RULE = "type must be 1..64 characters of [A-Za-z0-9._:-]";

    private Ids() {
    }

    /** Job ids: opaque, 1..128 characters of {@code [A-Za-z0-9._:-]}. */
    public static boolean isJobId(String s) {
        return matches(s, 128, "._:-");
    }

    /**
     * User ids: 1..128 characters of {@code [A-Za-z0-9._:@|+-]}, so e-mail addresses and the subjects
     * of common identity providers ({@code auth0|123}, UUIDs) fit, but nothing that needs escaping.
     */
    public static boolean isUserId(String s) {
        return matches(s, 128, "._:@|+-");
    }

    /** Job type labels: 1..64 characters of {@code [A-Za-z0-9._:-]}. */
    public static boolean isJobType(String s) {
        return matches(s, 64, "._:-");
    }

    /**
     * ASCII letters and digits plus the given punctuation, 1..max characters. A loop rather than a
     * regular expression: every event's ids pass here, and a {@code Matcher} per check was a few per
     * cent of everything the ingest path allocates (docs/benchmarks.md, "Allocation").
     */
    private static boolean matches(String s, int max, String punctuation) {
        if (s == null || s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && punctuation.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
