package io.jobpulse.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RememberedEventsTest {

    private static final long WINDOW = 60_000;

    private static EventFingerprint event(int n) {
        return EventFingerprint.of("job-" + (n % 97), "e" + n);
    }

    @Test
    void answersTheVersionUntilTheWindowPasses() {
        RememberedEvents events = new RememberedEvents(10, WINDOW);
        events.add(event(1), 7, 1_000);
        assertEquals(7, events.version(event(1), 1_000 + WINDOW - 1));
        assertEquals(RememberedEvents.NONE, events.version(event(1), 1_000 + WINDOW));
        assertEquals(RememberedEvents.NONE, events.version(event(2), 1_000));
    }

    @Test
    void forgetsTheOldestBeyondTheCapacityAndExpiredOnesWhenAdding() {
        RememberedEvents events = new RememberedEvents(3, WINDOW);
        for (int i = 0; i < 5; i++) {
            events.add(event(i), i, 0);
        }
        assertEquals(3, events.size());
        assertEquals(RememberedEvents.NONE, events.version(event(1), 0));
        assertEquals(2, events.version(event(2), 0));
        events.add(event(9), 9, WINDOW);
        assertEquals(1, events.size(), "the three added at 0 have expired");
    }

    /** Growth, ring wrap-around and deletions from the index, against a plain map and queue. */
    @Test
    void behavesLikeAMapWithAQueueOverManyRandomOperations() {
        int capacity = 5_000;
        RememberedEvents events = new RememberedEvents(capacity, WINDOW);
        Map<Integer, Long> model = new HashMap<>();
        Deque<Integer> order = new ArrayDeque<>();
        Map<Integer, Long> addedAt = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        long now = 0;
        int next = 0;
        for (int step = 0; step < 200_000; step++) {
            // phases of dense events (the capacity forgets them) and sparse ones (the window does)
            now += (step / 20_000) % 2 == 0 ? random.nextInt(3) : random.nextInt(100);
            int n = random.nextInt(4) == 0 && next > 0 ? random.nextInt(next) : next++;
            long expected = model.containsKey(n) && addedAt.get(n) + WINDOW > now ? model.get(n) : RememberedEvents.NONE;
            assertEquals(expected, events.version(event(n), now), "event " + n + " at step " + step);
            if (expected == RememberedEvents.NONE && !model.containsKey(n)) {
                long version = step;
                events.add(event(n), version, now);
                while (!order.isEmpty() && addedAt.get(order.peekFirst()) + WINDOW <= now) {
                    forget(order.pollFirst(), model, addedAt);
                }
                if (order.size() == capacity) {
                    forget(order.pollFirst(), model, addedAt);
                }
                model.put(n, version);
                addedAt.put(n, now);
                order.addLast(n);
                assertEquals(order.size(), events.size());
            }
        }
    }

    private static void forget(int n, Map<Integer, Long> model, Map<Integer, Long> addedAt) {
        model.remove(n);
        addedAt.remove(n);
    }

    @Test
    void fingerprintsSeparateTheJobFromTheEventId() {
        assertNotEquals(EventFingerprint.of("ab", "c"), EventFingerprint.of("a", "bc"));
        assertEquals(EventFingerprint.of("job-1", "e-1"), EventFingerprint.of("job-1", "e-1"));
    }
}
