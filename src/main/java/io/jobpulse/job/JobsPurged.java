package io.jobpulse.job;

import java.util.List;

/** Fired after the retention sweep removed finished jobs, so listeners can forget them too. */
public record JobsPurged(List<String> jobIds) {
}
