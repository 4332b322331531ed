/** Conflicts as data: actors, ladders and fronts loaded from JSON files. Plain Java and Jackson only. */
package dev.ripeness.conflict;
