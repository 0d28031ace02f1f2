package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {

    /**
     * Writers the test drives: outboxes handed over wait until the test writes them, a frame at a
     * time, as one sender thread would.
     */
    static final class StepWriters implements Outbox.Writers {
        final ArrayDeque<Outbox> ready = new ArrayDeque<>();
        int handedOver;

        @Override
        public void schedule(Outbox outbox) {
            handedOver++;
            ready.add(outbox);
        }

        /** Writes one frame of the outbox whose turn it is; false if none is ready. */
        boolean writeOne() {
            Outbox outbox = ready.poll();
            if (outbox == null) {
                return false;
            }
            if (outbox.write(1)) {
                ready.add(outbox);
            }
            return true;
        }

        void writeAll() {
            while (writeOne()) {
                // until every outbox is handed back
            }
        }
    }

    /** A socket that records what it is sent; {@link #whileSending} runs inside the next send. */
    static final class RecordingSocket implements Outbox.Sender {
        final List<String> sent = new ArrayList<>();
        Runnable whileSending;

        @Override
        public void send(String text) {
            sent.add(text);
            Runnable during = whileSending;
            whileSending = null;
            if (during != null) {
                during.run();
            }
        }
    }

    static final class RecordingOwner implements Outbox.Owner {
        final AtomicReference<Throwable> failed = new AtomicReference<>();
        final AtomicInteger overflowed = new AtomicInteger();
        /** Jobs the owner stopped listening to. */
        final Set<String> unfollowed = new HashSet<>();

        @Override
        public boolean follows(String jobId, String userId) {
            return !unfollowed.contains(jobId);
        }

        @Override
        public void sendFailed(Throwable error) {
            failed.set(error);
        }

        @Override
        public void repliesOverflowed() {
            overflowed.incrementAndGet();
        }
    }

    final RecordingSocket socket = new RecordingSocket();
    final StepWriters writers = new StepWriters();
    final RecordingOwner owner = new RecordingOwner();
    final PushStats stats = TestStats.create();
    final Outbox outbox = new Outbox(socket, owner, writers, WireFormat.PLAIN, new ReplyLimit(4, 1000), stats);

    static JobUpdate update(String jobId, long version, JobStatus status, int progress) {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        return new JobUpdate(new Job(jobId, "u", null, status, progress, null, null, null, version, t, t));
    }

    static JobUpdate progress(String jobId, long version) {
        return update(jobId, version, JobStatus.RUNNING, (int) version);
    }

    static String describe(String frame) {
        if (!frame.startsWith("{\"type\":\"job.")) {
            return frame;
        }
        var data = jakarta.json.Json.createReader(new java.io.StringReader(frame)).readObject().getJsonObject("data");
        return data.getString("jobId") + "@" + data.getInt("version") + ":" + data.getString("status");
    }

    List<String> sent() {
        return socket.sent.stream().map(OutboxTest::describe).toList();
    }

    @Test
    void anOutboxIsHandedToTheWritersOnceUntilItHasNothingLeft() {
        outbox.offer(progress("a", 1));
        outbox.offer(progress("b", 1));
        outbox.reply("ack");
        outbox.offer(progress("c", 1));
        assertEquals(1, writers.handedOver, "one turn at the writers, however many frames wait");
        assertTrue(socket.sent.isEmpty(), "producers only queue");

        writers.writeAll();
        assertEquals(List.of("ack", "a@1:running", "b@1:running", "c@1:running"), sent());
        outbox.offer(progress("a", 2));
        assertEquals(2, writers.handedOver, "handed back when empty, so the next frame hands it over again");
    }

    @Test
    void aTurnWritesAtMostItsShareAndKeepsTheOutboxWithTheWriters() {
        for (int i = 0; i < 40; i++) {
            outbox.offer(progress("j" + i, 1));
        }
        assertTrue(outbox.write(16), "more waits after 16 frames");
        assertEquals(16, socket.sent.size());
        assertTrue(outbox.write(16));
        assertFalse(outbox.write(16), "the last 8 frames, then handed back");
        assertEquals(40, socket.sent.size());
        assertEquals(1, writers.handedOver);
    }

    @Test
    void whatArrivesDuringAWriteIsWrittenInTheSameTurnWithoutAnotherHandOver() {
        outbox.offer(progress("a", 1));
        socket.whileSending = () -> {
            assertTrue(outbox.writingForNanos() > 0, "a write in progress is timed for the watchdog");
            outbox.offer(progress("a", 2));
            outbox.reply("ack");
        };
        writers.writeAll();
        assertEquals(List.of("a@1:running", "ack", "a@2:running"), sent());
        assertEquals(1, writers.handedOver);
        assertEquals(0, outbox.writingForNanos());
    }

    @Test
    void aNewerProgressReplacesTheQueuedOneInPlace() {
        outbox.offer(progress("a", 1));
        writers.writeOne();                       // a@1 written
        outbox.offer(progress("a", 2));           // queued
        outbox.offer(progress("b", 1));           // queued after a
        outbox.offer(progress("a", 3));           // replaces a@2, keeps its place before b
        outbox.offer(progress("a", 4));
        writers.writeAll();
        assertEquals(List.of("a@1:running", "a@4:running", "b@1:running"), sent());
        assertEquals(2, stats.coalescedCount());
    }

    @Test
    void afterAnUnsubscribeNothingOfTheJobFollowsTheAck() {
        outbox.offer(progress("a", 1));
        writers.writeOne();
        outbox.offer(progress("a", 2)); // waits
        outbox.offer(progress("b", 1));

        owner.unfollowed.add("a");
        outbox.forgetUnfollowed();
        outbox.reply("{\"type\":\"ack\"}");
        assertFalse(outbox.offer(progress("a", 3)), "a live change of a job no longer followed is dropped");
        writers.writeAll();

        assertEquals(List.of("a@1:running", "{\"type\":\"ack\"}", "b@1:running"), sent());
        assertEquals(0, outbox.depth());
    }

    @Test
    void aForgottenJobLosesItsQueuedUpdateAndStartsAfresh() {
        outbox.offer(progress("a", 1));
        writers.writeOne();
        outbox.offer(progress("b", 1));
        outbox.offer(progress("a", 2));
        assertEquals(2, outbox.depth());

        outbox.forget("a"); // purged while a@2 waited
        assertEquals(1, outbox.depth());
        assertTrue(outbox.offer(progress("a", 1)), "a forgotten job's versions are not remembered");
        writers.writeAll();

        assertEquals(List.of("a@1:running", "b@1:running", "a@1:running"), sent());
        assertEquals(0, outbox.depth());
    }

    @Test
    void theTerminalStateIsNeverLostBehindABusySocket() {
        outbox.offer(progress("a", 1));
        socket.whileSending = () -> {
            for (int v = 2; v < 1000; v++) {
                outbox.offer(progress("a", v));
            }
            outbox.offer(update("a", 1000, JobStatus.COMPLETED, 100));
            assertEquals(1, outbox.depth(), "one pending entry per job, however many updates");
        };
        writers.writeAll();
        assertEquals(List.of("a@1:running", "a@1000:completed"), sent());
    }

    @Test
    void versionsOnlyIncreasePerJob() {
        assertTrue(outbox.offer(progress("a", 5)));
        assertFalse(outbox.offer(progress("a", 3)), "older than what was sent");
        assertFalse(outbox.offer(progress("a", 5)), "a duplicate");
        writers.writeAll();
        assertEquals(1, socket.sent.size());
        assertEquals(2, stats.staleSkippedCount());
    }

    @Test
    void repliesGoBeforeQueuedUpdates() {
        outbox.offer(progress("a", 1));
        outbox.offer(progress("b", 1));
        outbox.reply("{\"type\":\"ack\"}");
        writers.writeAll();
        assertEquals(List.of("{\"type\":\"ack\"}", "a@1:running", "b@1:running"), sent());
    }

    @Test
    void heldUpdatesWaitForTheAckButKeepCoalescing() {
        outbox.holdUpdates();
        outbox.offer(progress("a", 1));
        outbox.offer(progress("a", 2));
        writers.writeAll();
        assertEquals(0, socket.sent.size(), "nothing goes while held");
        outbox.reply("ack");
        outbox.releaseUpdates();
        writers.writeAll();
        assertEquals(List.of("ack", "a@2:running"), sent());
    }

    @Test
    void tooManyUnreadRepliesHandTheConnectionBack() {
        outbox.reply("r0");
        writers.writeOne(); // written: no longer waiting
        for (int i = 1; i <= 4; i++) {
            outbox.reply("r" + i);
        }
        assertEquals(0, owner.overflowed.get());
        outbox.reply("r5");
        assertEquals(1, owner.overflowed.get());
    }

    @Test
    void unreadRepliesAreBoundedInBytesToo() {
        outbox.reply("x".repeat(600));
        outbox.reply("é".repeat(150)); // 300 UTF-8 bytes, 150 chars: 900 of 1000 waiting
        assertEquals(0, owner.overflowed.get());
        outbox.reply("y".repeat(101));
        assertEquals(1, owner.overflowed.get(), "three frames, under the frame count, but over 1000 bytes");
    }

    @Test
    void oneReplyLargerThanTheByteLimitGoesWhenNothingElseWaits() {
        outbox.reply("x".repeat(5000));
        assertEquals(0, owner.overflowed.get(), "a large ack on its own is not refused");
        writers.writeAll();
        outbox.reply("y".repeat(1000));
        writers.writeAll();
        outbox.reply("z".repeat(500));
        outbox.reply("z".repeat(500));
        assertEquals(0, owner.overflowed.get(), "written replies no longer count");
        assertEquals(2, socket.sent.size());
    }

    @Test
    void aFailedSendHandsTheConnectionBackAndStopsWriting() {
        Outbox failing = new Outbox(text -> {
            throw new IOException("reset");
        }, owner, Outbox.Writers.INLINE, WireFormat.PLAIN, new ReplyLimit(4, 1000), stats);
        failing.offer(progress("a", 1));
        assertInstanceOf(IOException.class, owner.failed.get());
        assertFalse(failing.offer(progress("a", 2)), "closed");
        assertEquals(0, failing.writingForNanos(), "no write is left counting towards the send timeout");
    }

    @Test
    void aFarewellIsWrittenAfterTheWriteInProgressAndThenTheSocketCloses() {
        List<String> closedAfter = new ArrayList<>();
        outbox.offer(progress("a", 1));
        socket.whileSending = () -> {
            outbox.offer(progress("b", 1)); // queued, discarded by the finish
            outbox.finish("41", () -> closedAfter.add(String.join(",", socket.sent)));
            assertEquals(1, socket.sent.size(), "nothing overlaps the write in progress");
            assertFalse(outbox.offer(progress("c", 1)), "nothing more is accepted");
        };
        writers.writeOne();
        assertTrue(closedAfter.isEmpty(), "closed only once the farewell is written");
        writers.writeAll();
        assertEquals("41", socket.sent.get(1));
        assertEquals(1, closedAfter.size());
        assertTrue(closedAfter.get(0).endsWith(",41"), "the farewell was written before the close");
        assertEquals(1, stats.droppedCount());
        assertEquals(1, writers.handedOver);
    }

    @Test
    void aFarewellOnAnIdleOutboxIsHandedOverAndClosesAfterItIsWritten() {
        List<String> closed = new ArrayList<>();
        outbox.finish("41", () -> closed.add("closed after " + socket.sent));
        assertTrue(closed.isEmpty());
        writers.writeAll();
        assertEquals(List.of("closed after [41]"), closed);
    }

    @Test
    void closingDiscardsAndCountsWhatWasQueued() {
        outbox.offer(progress("a", 1));
        outbox.offer(progress("b", 1));
        outbox.reply("r");
        outbox.close();
        assertEquals(3, stats.droppedCount());
        assertFalse(outbox.offer(progress("c", 1)));
        writers.writeAll();
        assertTrue(socket.sent.isEmpty(), "the turn it still had writes nothing");
    }
}
