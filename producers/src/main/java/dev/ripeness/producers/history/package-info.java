/** The event histories bundled with the release, fed through the ordinary feed. */
package dev.ripeness.producers.history;
