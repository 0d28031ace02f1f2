package io.jobpulse.demo.batch;

/** One generated record of the demo batch job: its number (1-based) and some text to transform. */
record DemoRecord(int number, String text) {
}
