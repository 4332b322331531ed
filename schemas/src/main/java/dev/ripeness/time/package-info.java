/**
 * How a person writes a day or a moment to ripeness, on the command line ({@code --known-at},
 * {@code --as-of}, {@code --since}) and in the HTTP API ({@code ?knownAt=}, {@code ?asOf=}):
 * one parser, one error text. Depends on nothing but the JDK.
 */
package dev.ripeness.time;
