package io.jobpulse.job;

/** The store contract on the in-memory store. */
class MemoryStoreContractTest extends JobStoreContract {

    @Override
    protected JobStore newStore(MutableClock clock) {
        return new MemoryJobStore(clock);
    }
}
