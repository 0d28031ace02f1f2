package io.jobpulse.ingest;

/**
 * The applied events {@link ReplayGuard} remembers, oldest first, in a few primitive arrays: an
 * event is its 128-bit {@link EventFingerprint}, the version it produced and when it was applied.
 *
 * <p>Why arrays and not a map of objects: at 5,000 events/s a guard that keeps 100,000 events
 * keeps each for about 20 s, and kept as objects (a key string, a map node, a queue node, a future
 * and its boxed version, an instant) they were exactly the medium-lived garbage that G1 copies
 * from survivor space to survivor space: with event ids in the ingest, young pauses went from
 * 13-16 to 35-36 ms (docs/benchmarks.md, "Fourth round"). Here an event adds nothing to the heap.
 *
 * <p>A ring of slots in the order the events were applied, plus an open-addressing index (linear
 * probing, slot number + 1, 0 for empty) from fingerprint to slot. The arrays start small and
 * double up to {@code capacity}; when full, the oldest event is forgotten to make room. Not thread
 * safe: the guard holds its lock around every call.
 */
final class RememberedEvents {

    static final long NONE = -1;
    /** 2^26 events, 2.5 GB of arrays: a mistyped setting fails at start, not when the arrays grow. */
    static final int MAX_CAPACITY = 1 << 26;
    private static final int INITIAL_SLOTS = 1024;

    private final int capacity;
    private final long windowMillis;
    private long[] high;
    private long[] low;
    private long[] versions;
    private long[] appliedAt;
    /** Slot number + 1 at each position; 0 is empty. At most half full. */
    private int[] index;
    private int oldest;
    private int count;

    RememberedEvents(int capacity, long windowMillis) {
        this.capacity = capacity;
        this.windowMillis = windowMillis;
        allocate(Math.min(capacity, INITIAL_SLOTS));
    }

    int size() {
        return count;
    }

    /** The version the event produced, or {@link #NONE} if it is not remembered (or its window passed). */
    long version(EventFingerprint event, long nowMillis) {
        int slot = find(event.high(), event.low());
        return slot < 0 || expired(slot, nowMillis) ? NONE : versions[slot];
    }

    /** Remembers an applied event, first forgetting those whose window passed and, if full, the oldest. */
    void add(EventFingerprint event, long version, long nowMillis) {
        while (count > 0 && expired(oldest, nowMillis)) {
            forgetOldest();
        }
        int existing = find(event.high(), event.low());
        if (existing >= 0) {
            // the same event applied again after its window passed: the newer answer wins
            versions[existing] = version;
            appliedAt[existing] = nowMillis;
            return;
        }
        if (count == high.length) {
            if (high.length < capacity) {
                grow();
            } else {
                forgetOldest();
            }
        }
        int slot = (oldest + count) % high.length;
        high[slot] = event.high();
        low[slot] = event.low();
        versions[slot] = version;
        appliedAt[slot] = nowMillis;
        count++;
        int at = home(event.low());
        while (index[at] != 0) {
            at = (at + 1) & (index.length - 1);
        }
        index[at] = slot + 1;
    }

    private boolean expired(int slot, long nowMillis) {
        return appliedAt[slot] + windowMillis <= nowMillis;
    }

    private int find(long h, long l) {
        for (int at = home(l); index[at] != 0; at = (at + 1) & (index.length - 1)) {
            int slot = index[at] - 1;
            if (high[slot] == h && low[slot] == l) {
                return slot;
            }
        }
        return -1;
    }

    private int home(long l) {
        return (int) (l ^ (l >>> 32)) & (index.length - 1);
    }

    /** Removes the oldest event from the ring and the index (backward-shift deletion keeps probing intact). */
    private void forgetOldest() {
        int slot = oldest;
        int at = home(low[slot]);
        while (index[at] != slot + 1) {
            at = (at + 1) & (index.length - 1);
        }
        int mask = index.length - 1;
        int hole = at;
        for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
            int want = home(low[index[next] - 1]);
            // move the entry back into the hole unless its home lies (cyclically) after the hole
            if (((next - want) & mask) >= ((next - hole) & mask)) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
        oldest = (oldest + 1) % high.length;
        count--;
    }

    private void grow() {
        long[] h = high;
        long[] l = low;
        long[] v = versions;
        long[] a = appliedAt;
        int first = oldest;
        int n = count;
        allocate(Math.min(capacity, h.length * 2));
        for (int i = 0; i < n; i++) {
            int from = (first + i) % h.length;
            high[i] = h[from];
            low[i] = l[from];
            versions[i] = v[from];
            appliedAt[i] = a[from];
            int at = home(low[i]);
            while (index[at] != 0) {
                at = (at + 1) & (index.length - 1);
            }
            index[at] = i + 1;
        }
        count = n;
    }

    private void allocate(int slots) {
        high = new long[slots];
        low = new long[slots];
        versions = new long[slots];
        appliedAt = new long[slots];
        // a power of two at least twice the slots: probes stay short
        index = new int[Integer.highestOneBit(Math.max(2, slots) * 2 - 1) * 2];
        oldest = 0;
        count = 0;
    }
}
