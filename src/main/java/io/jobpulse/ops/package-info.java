/**
 * What operators see of a running node beyond health and metrics: the startup summary line (mode,
 * store, settings changed from their defaults, with secrets masked).
 */
package io.jobpulse.ops;
