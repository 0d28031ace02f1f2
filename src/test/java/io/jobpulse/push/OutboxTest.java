package io.jobpulse.push;

import io.jobpulse.job.Job;
import io.jobpulse.job.JobStatus;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
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


    /** A socket whose sends complete only when the test says so. */
    static class SlowSocket implements Outbox.Sender {
        final List<String> sent = new ArrayList<>();
        final List<SendHandler> inFlight = new ArrayList<>();

        @Override
        public void send(String text, SendHandler done) {
            sent.add(text);
            inFlight.add(done);
        }

        void completeOne() {
            inFlight.remove(0).onResult(new SendResult());
        }

        void completeAll() {
            while (!inFlight.isEmpty()) {
                completeOne();
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

    final SlowSocket socket = new SlowSocket();
    final RecordingOwner owner = new RecordingOwner();
    final PushStats stats = TestStats.create();
    final Outbox outbox = new Outbox(socket, owner, Outbox.Writers.INLINE, WireFormat.PLAIN, new ReplyLimit(4, 1000), stats);

    static JobUpdate update(String jobId, long version, JobStatus status, int progress) {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        return new JobUpdate(new Job(jobId, "u", null, status, progress, null, null, null, version, t, t));
    }

    static JobUpdate progress(String jobId, long version) {
        return update(jobId, version, JobStatus.RUNNING, (int) version);
    }

    static String describe(String frame) {
        var data = jakarta.json.Json.createReader(new java.io.StringReader(frame)).readObject().getJsonObject("data");
        return data.getString("jobId") + "@" + data.getInt("version") + ":" + data.getString("status");
    }

    @Test
    void onlyOneSendIsInFlightAtATime() {
        outbox.offer(progress("a", 1));
        outbox.offer(progress("b", 1));
        outbox.offer(progress("c", 1));
        assertEquals(1, socket.sent.size());
        socket.completeOne();
        assertEquals(2, socket.sent.size());
        socket.completeAll();
        assertEquals(List.of("a@1:running", "b@1:running", "c@1:running"), socket.sent.stream().map(OutboxTest::describe).toList());
    }

    @Test
    void aNewerProgressReplacesTheQueuedOneInPlace() {
        outbox.offer(progress("a", 1));           // in flight
        outbox.offer(progress("a", 2));           // queued
        outbox.offer(progress("b", 1));           // queued after a
        outbox.offer(progress("a", 3));           // replaces a@2, keeps its place before b
        outbox.offer(progress("a", 4));
        socket.completeAll();
        assertEquals(List.of("a@1:running", "a@4:running", "b@1:running"),
                socket.sent.stream().map(OutboxTest::describe).toList());
        assertEquals(2, stats.coalescedCount());
    }

    @Test
    void afterAnUnsubscribeNothingOfTheJobFollowsTheAck() {
        outbox.offer(progress("a", 1)); // in flight
        outbox.offer(progress("a", 2)); // waits
        outbox.offer(progress("b", 1));

        owner.unfollowed.add("a");
        outbox.forgetUnfollowed();
        outbox.reply("{\"type\":\"ack\"}");
        assertFalse(outbox.offer(progress("a", 3)), "a live change of a job no longer followed is dropped");
        socket.completeAll();

        assertEquals(List.of("a@1:running", "ack", "b@1:running"), socket.sent.stream()
                .map(frame -> frame.contains("\"ack\"") ? "ack" : describe(frame)).toList());
        assertEquals(0, outbox.depth());
    }

    @Test
    void aForgottenJobLosesItsQueuedUpdateAndStartsAfresh() {
        outbox.offer(progress("a", 1)); // in flight
        outbox.offer(progress("b", 1));
        outbox.offer(progress("a", 2));
        assertEquals(2, outbox.depth());

        outbox.forget("a"); // purged while a@2 waited
        assertEquals(1, outbox.depth());
        assertTrue(outbox.offer(progress("a", 1)), "a forgotten job's versions are not remembered");
        socket.completeAll();

        assertEquals(List.of("a@1:running", "b@1:running", "a@1:running"),
                socket.sent.stream().map(OutboxTest::describe).toList());
        assertEquals(0, outbox.depth());
    }

    @Test
    void theTerminalStateIsNeverLostBehindABusySocket() {
        outbox.offer(progress("a", 1));
        for (int v = 2; v < 1000; v++) {
            outbox.offer(progress("a", v));
        }
        outbox.offer(update("a", 1000, JobStatus.COMPLETED, 100));
        assertEquals(1, outbox.depth(), "one pending entry per job, however many updates");
        socket.completeAll();
        assertEquals(List.of("a@1:running", "a@1000:completed"), socket.sent.stream().map(OutboxTest::describe).toList());
    }

    @Test
    void versionsOnlyIncreasePerJob() {
        assertTrue(outbox.offer(progress("a", 5)));
        assertFalse(outbox.offer(progress("a", 3)), "older than what was sent");
        assertFalse(outbox.offer(progress("a", 5)), "a duplicate");
        socket.completeAll();
        assertEquals(1, socket.sent.size());
        assertEquals(2, stats.staleSkippedCount());
    }

    @Test
    void repliesGoBeforeQueuedUpdates() {
        outbox.offer(progress("a", 1));
        outbox.offer(progress("b", 1));
        outbox.reply("{\"type\":\"ack\"}");
        socket.completeAll();
        assertEquals("{\"type\":\"ack\"}", socket.sent.get(1));
    }

    @Test
    void heldUpdatesWaitForTheAckButKeepCoalescing() {
        outbox.holdUpdates();
        outbox.offer(progress("a", 1));
        outbox.offer(progress("a", 2));
        assertEquals(0, socket.sent.size(), "nothing goes while held");
        outbox.reply("ack");
        outbox.releaseUpdates();
        socket.completeAll();
        assertEquals("ack", socket.sent.get(0));
        assertEquals(List.of("a@2:running"), socket.sent.subList(1, socket.sent.size()).stream().map(OutboxTest::describe).toList());
    }

    @Test
    void tooManyUnreadRepliesHandTheConnectionBack() {
        outbox.reply("r0"); // in flight
        for (int i = 1; i <= 4; i++) {
            outbox.reply("r" + i);
        }
        assertEquals(0, owner.overflowed.get());
        outbox.reply("r5");
        assertEquals(1, owner.overflowed.get());
    }

    @Test
    void unreadRepliesAreBoundedInBytesToo() {
        outbox.reply("r0"); // in flight
        outbox.reply("x".repeat(600));
        outbox.reply("é".repeat(150)); // 300 UTF-8 bytes, 150 chars: 900 of 1000 waiting
        assertEquals(0, owner.overflowed.get());
        outbox.reply("y".repeat(101));
        assertEquals(1, owner.overflowed.get(), "two frames, far under the frame count, but over 1000 bytes");
    }

    @Test
    void oneReplyLargerThanTheByteLimitGoesWhenNothingElseWaits() {
        outbox.reply("r0"); // in flight
        outbox.reply("x".repeat(5000));
        assertEquals(0, owner.overflowed.get(), "a large ack on its own is not refused");
        socket.completeAll();
        outbox.reply("r1"); // in flight
        outbox.reply("y".repeat(1000));
        socket.completeAll();
        outbox.reply("r2"); // in flight
        outbox.reply("z".repeat(500));
        outbox.reply("z".repeat(500));
        assertEquals(0, owner.overflowed.get(), "written replies no longer count");
    }

    @Test
    void aPingGoesInReplyOrderAheadOfUpdatesAndCostsNoBytes() {
        SlowSocket pinging = new SlowSocket() {
            @Override
            public void ping() {
                sent.add("(ping)");
            }
        };
        Outbox box = new Outbox(pinging, owner, Outbox.Writers.INLINE, WireFormat.PLAIN, new ReplyLimit(4, 10), stats);
        box.reply("r0"); // in flight
        box.offer(progress("a", 1));
        box.ping();
        box.reply("0123456789"); // with the ping: 10 bytes waiting, exactly the limit
        assertEquals(0, owner.overflowed.get());

        pinging.completeAll();

        assertEquals(List.of("r0", "(ping)", "0123456789", "a@1"),
                pinging.sent.stream().map(TestConnections::describe).toList());
    }

    @Test
    void aFailedSendHandsTheConnectionBackAndStopsWriting() {
        Outbox failing = new Outbox((text, done) -> done.onResult(new SendResult(new IOException("reset"))),
                owner, Outbox.Writers.INLINE, WireFormat.PLAIN, new ReplyLimit(4, 1000), stats);
        failing.offer(progress("a", 1));
        assertInstanceOf(IOException.class, owner.failed.get());
        assertFalse(failing.offer(progress("a", 2)), "closed");
    }

    @Test
    void sendsThatCompleteInlineDoNotGrowTheStack() {
        List<String> sent = new ArrayList<>();
        List<SendHandler> first = new ArrayList<>();
        Outbox inline = new Outbox((text, done) -> {
            sent.add(text);
            if (sent.size() == 1) {
                first.add(done); // the first send stays in flight so the rest queue up
            } else {
                done.onResult(new SendResult()); // the container completes these inside sendText
            }
        }, owner, Outbox.Writers.INLINE, WireFormat.PLAIN, new ReplyLimit(100_000, Long.MAX_VALUE), stats);
        for (int i = 0; i < 50_000; i++) {
            inline.reply("r" + i);
        }
        assertEquals(1, sent.size());
        first.get(0).onResult(new SendResult()); // would recurse 50,000 deep without the trampoline
        assertEquals(50_000, sent.size());
        assertEquals("r49999", sent.get(sent.size() - 1));
    }

    @Test
    void aFarewellIsWrittenAfterTheWriteInFlightAndThenTheSocketCloses() {
        List<String> closedAfter = new ArrayList<>();
        outbox.offer(progress("a", 1));     // in flight
        outbox.offer(progress("b", 1));     // queued, discarded by the finish
        outbox.finish("41", () -> closedAfter.add(String.join(",", socket.sent)));
        assertEquals(1, socket.sent.size(), "nothing overlaps the write in flight");
        assertFalse(outbox.offer(progress("c", 1)), "nothing more is accepted");
        socket.completeOne();
        assertEquals("41", socket.sent.get(1));
        assertTrue(closedAfter.isEmpty(), "closed only once the farewell is written");
        socket.completeOne();
        assertEquals(1, closedAfter.size());
        assertEquals(1, stats.droppedCount());
    }

    @Test
    void closingDiscardsAndCountsWhatWasQueued() {
        outbox.offer(progress("a", 1));
        outbox.offer(progress("b", 1));
        outbox.reply("r");
        outbox.close();
        assertEquals(2, stats.droppedCount());
        assertFalse(outbox.offer(progress("c", 1)));
    }

    /** Writers the test drives: outboxes handed over wait until the test starts their writes. */
    static final class StepWriters implements Outbox.Writers {
        final ArrayDeque<Outbox> ready = new ArrayDeque<>();
        int handedOver;

        @Override
        public void schedule(Outbox outbox) {
            handedOver++;
            ready.add(outbox);
        }

        void writeAll() {
            Outbox next;
            while ((next = ready.poll()) != null) {
                next.write();
            }
        }
    }

    @Test
    void producersOnlyQueueAndAnOutboxIsHandedToTheWritersOnceUntilItHasNothingLeft() {
        StepWriters writers = new StepWriters();
        Outbox handed = new Outbox(socket, owner, writers, WireFormat.PLAIN, new ReplyLimit(4, 1000), stats);
        handed.offer(progress("a", 1));
        handed.offer(progress("b", 1));
        handed.reply("ack");
        handed.offer(progress("a", 2));
        assertTrue(socket.sent.isEmpty(), "nothing is written on the producer's thread");
        assertEquals(1, writers.handedOver, "one hand-over, however many frames wait");
        assertEquals(0, handed.writingForNanos(), "waiting for a writer is not a write in flight");

        writers.writeAll();
        assertEquals(List.of("ack"), socket.sent, "the first send is started by the writer");
        assertTrue(handed.writingForNanos() > 0, "a send in flight is timed for the watchdog");
        socket.completeAll(); // each completion starts the next send
        assertEquals(List.of("ack", "a@2:running", "b@1:running"), socket.sent.stream()
                .map(frame -> frame.equals("ack") ? frame : describe(frame)).toList());
        assertEquals(0, handed.writingForNanos());

        handed.offer(progress("c", 1));
        assertEquals(2, writers.handedOver, "handed back once empty, so new work hands it over again");
    }

    @Test
    void heldUpdatesAreNotHandedOverUntilReleased() {
        StepWriters writers = new StepWriters();
        Outbox handed = new Outbox(socket, owner, writers, WireFormat.PLAIN, new ReplyLimit(4, 1000), stats);
        handed.holdUpdates();
        handed.offer(progress("a", 1));
        assertEquals(0, writers.handedOver, "nothing to write while updates are held");
        handed.releaseUpdates();
        assertEquals(1, writers.handedOver);
        writers.writeAll();
        assertEquals(List.of("a@1:running"), socket.sent.stream().map(OutboxTest::describe).toList());
    }

    @Test
    void aClosedOutboxStillWithTheWritersWritesNothing() {
        StepWriters writers = new StepWriters();
        Outbox handed = new Outbox(socket, owner, writers, WireFormat.PLAIN, new ReplyLimit(4, 1000), stats);
        handed.offer(progress("a", 1));
        handed.close();
        writers.writeAll();
        assertTrue(socket.sent.isEmpty());
        assertEquals(1, stats.droppedCount());
    }
}
