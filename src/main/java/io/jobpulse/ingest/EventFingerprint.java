package io.jobpulse.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What {@link RememberedEvents} keeps of an event instead of its ids: the first 128 bits of the
 * SHA-256 of {@code jobId}, a line break (never part of a job id, so the split is unambiguous) and
 * {@code eventId}. A cryptographic hash, because a collision would answer a new event as a replay
 * of another and drop it: producers choose the ids, so a fast non-cryptographic hash would let one
 * of them forge an event id that silences another's.
 */
record EventFingerprint(long high, long low) {

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e); // every Java runtime has SHA-256
        }
    }

    static EventFingerprint of(String jobId, String eventId) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) SHA_256.clone(); // a digest is not thread safe; a clone is cheaper than getInstance
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        sha.update(jobId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        ByteBuffer digest = ByteBuffer.wrap(sha.digest(eventId.getBytes(StandardCharsets.UTF_8)));
        return new EventFingerprint(digest.getLong(), digest.getLong());
    }
}
