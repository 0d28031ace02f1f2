package io.jobpulse.job;

/** The store contract on the in-memory store. */
class MemoryStoreContractTest extends JobStoreContract {

    @Override
    public JobStore newStore(MutableClock clock, long defaultStaleAfterSeconds) {
        return new MemoryJobStore(clock, defaultStaleAfterSeconds);
    }
}
