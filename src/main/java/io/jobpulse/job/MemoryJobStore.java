package io.jobpulse.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps jobs in memory. Atomicity per job comes from {@link ConcurrentHashMap#compute}: the
 * lifecycle runs while the map holds the job's bin, so two events on one job are serialised and
 * events on different jobs run in parallel.
 */
public final class MemoryJobStore implements JobStore {

    private static final Comparator<Job> NEWEST_FIRST =
            Comparator.comparing(Job::createdAt).thenComparing(Job::jobId).reversed();

    private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
    /** userId → that user's job ids; a job's owner never changes, so entries are only added or purged. */
    private final ConcurrentHashMap<String, Set<String>> byUser = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long defaultStaleAfterSeconds;

    public MemoryJobStore(Clock clock) {
        this(clock, 0);
    }

    /** @param defaultStaleAfterSeconds the stall deadline of jobs whose producer set none; 0 = none */
    public MemoryJobStore(Clock clock, long defaultStaleAfterSeconds) {
        this.clock = clock;
        this.defaultStaleAfterSeconds = defaultStaleAfterSeconds;
    }

    @Override
    public Outcome apply(JobEvent event) {
        Outcome[] outcome = new Outcome[1];
        if (event == null || event.jobId() == null) {
            return Lifecycle.apply(null, event, clock.instant());
        }
        jobs.compute(event.jobId(), (id, current) -> {
            outcome[0] = Lifecycle.apply(current, event, clock.instant(), defaultStaleAfterSeconds);
            if (outcome[0] instanceof Outcome.Applied applied) {
                if (current == null) {
                    // add and remove of a user's ids both run inside compute on the user's key,
                    // so a purge emptying the set can never orphan an id added concurrently
                    byUser.compute(applied.job().userId(), (u, ids) -> {
                        Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                        set.add(id);
                        return set;
                    });
                }
                return applied.job();
            }
            return current;
        });
        return outcome[0];
    }

    @Override
    public Outcome decide(String jobId, Endings.Decision decision) {
        Outcome[] outcome = new Outcome[1];
        if (jobId == null) {
            return decision.decide(null, clock.instant());
        }
        jobs.computeIfPresent(jobId, (id, current) -> {
            outcome[0] = decision.decide(current, clock.instant());
            return outcome[0] instanceof Outcome.Applied applied ? applied.job() : current;
        });
        return outcome[0] != null ? outcome[0] : decision.decide(null, clock.instant());
    }

    @Override
    public List<String> dueBy(Instant now, int limit) {
        List<String> due = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (due.size() == limit) {
                break;
            }
            if (!job.finished() && job.staleAt() != null && !job.staleAt().isAfter(now)) {
                due.add(job.jobId());
            }
        }
        return due;
    }

    @Override
    public List<String> activeIn(String node) {
        return jobs.values().stream().filter(j -> !j.finished() && node.equals(j.node())).map(Job::jobId).toList();
    }

    @Override
    public Optional<Job> find(String jobId) {
        return jobId == null ? Optional.empty() : Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public List<Job> findByUser(String userId, boolean activeOnly, int limit) {
        Set<String> ids = byUser.get(userId);
        if (ids == null) {
            return List.of();
        }
        List<Job> result = new ArrayList<>();
        for (String id : ids) {
            Job job = jobs.get(id);
            if (job != null && !(activeOnly && job.finished())) {
                result.add(job);
            }
        }
        result.sort(NEWEST_FIRST);
        return result.size() > limit ? List.copyOf(result.subList(0, limit)) : result;
    }

    @Override
    public List<String> purgeFinishedBefore(Instant cutoff) {
        List<String> purged = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (job.finished() && job.updatedAt().isBefore(cutoff)
                    && jobs.remove(job.jobId(), job)) {
                purged.add(job.jobId());
                byUser.computeIfPresent(job.userId(), (u, ids) -> {
                    ids.remove(job.jobId());
                    return ids.isEmpty() ? null : ids;
                });
            }
        }
        return purged;
    }
}
