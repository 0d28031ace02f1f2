package io.jobpulse.http;

/** Example bodies shown in the OpenAPI document, shared by the resources. */
public final class Examples {

    public static final String JOB = "{\"jobId\":\"note-import-42\",\"userId\":\"user123\",\"type\":\"note-import\","
            + "\"status\":\"running\",\"progress\":40,\"message\":\"Parsing file\",\"version\":7,"
            + "\"createdAt\":\"2026-11-25T10:00:00Z\",\"updatedAt\":\"2026-11-25T10:00:03.125Z\"}";

    public static final String NOT_FOUND = "{\"type\":\"urn:jobpulse:problem:unknown-job\",\"title\":\"Not Found\","
            + "\"status\":404,\"detail\":\"no job with id 'note-import-42'\"}";

    private Examples() {
    }
}
