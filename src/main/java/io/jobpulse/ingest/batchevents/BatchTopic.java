package io.jobpulse.ingest.batchevents;

import java.util.Optional;

/**
 * The leaves of Liberty's batch event topic tree that this package knows, below the configurable
 * root ({@code batchJmsEvents topicRoot}, {@code batch} by default): {@code <root>/jobs/execution/started}
 * and so on. A topic is matched by its end, so any root works, also one with slashes in it.
 */
enum BatchTopic {
    INSTANCE_SUBMITTED("jobs/instance/submitted"),
    INSTANCE_JMS_QUEUED("jobs/instance/jms_queued"),
    INSTANCE_JMS_CONSUMED("jobs/instance/jms_consumed"),
    INSTANCE_DISPATCHED("jobs/instance/dispatched"),
    INSTANCE_STARTING("jobs/instance/starting"),
    INSTANCE_STARTED("jobs/instance/started"),
    INSTANCE_STOPPING("jobs/instance/stopping"),
    INSTANCE_STOPPED("jobs/instance/stopped"),
    INSTANCE_COMPLETED("jobs/instance/completed"),
    INSTANCE_FAILED("jobs/instance/failed"),
    INSTANCE_PURGED("jobs/instance/purged"),
    EXECUTION_STARTING("jobs/execution/starting"),
    EXECUTION_RESTARTING("jobs/execution/restarting"),
    EXECUTION_STARTED("jobs/execution/started"),
    EXECUTION_STOPPING("jobs/execution/stopping"),
    EXECUTION_STOPPED("jobs/execution/stopped"),
    EXECUTION_COMPLETED("jobs/execution/completed"),
    EXECUTION_FAILED("jobs/execution/failed"),
    EXECUTION_ABANDONED("jobs/execution/abandoned"),
    STEP_STARTED("jobs/execution/step/started"),
    STEP_CHECKPOINT("jobs/execution/step/checkpoint"),
    STEP_STOPPING("jobs/execution/step/stopping"),
    STEP_STOPPED("jobs/execution/step/stopped"),
    STEP_COMPLETED("jobs/execution/step/completed"),
    STEP_FAILED("jobs/execution/step/failed"),
    PARTITION_STARTED("jobs/execution/partition/started"),
    PARTITION_STOPPED("jobs/execution/partition/stopped"),
    PARTITION_COMPLETED("jobs/execution/partition/completed"),
    PARTITION_FAILED("jobs/execution/partition/failed"),
    SPLIT_FLOW_STARTED("jobs/execution/split-flow/started"),
    SPLIT_FLOW_ENDED("jobs/execution/split-flow/ended"),
    JOB_LOG_PART("jobs/execution/jobLogPart");

    private final String leaf;

    BatchTopic(String leaf) {
        this.leaf = leaf;
    }

    String leaf() {
        return leaf;
    }

    boolean isInstanceEvent() {
        return leaf.startsWith("jobs/instance/");
    }

    /** The topic whose name ends with a known leaf, e.g. {@code batch/jobs/execution/step/started}. */
    static Optional<BatchTopic> of(String topicName) {
        if (topicName == null) {
            return Optional.empty();
        }
        for (BatchTopic topic : values()) {
            if (topicName.equals(topic.leaf) || topicName.endsWith("/" + topic.leaf)) {
                return Optional.of(topic);
            }
        }
        return Optional.empty();
    }
}
