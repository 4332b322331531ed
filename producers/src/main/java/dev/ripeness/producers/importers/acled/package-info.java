/** ACLED exports and deleted-event lists → canonical events; revisions become corrections, deletions retractions. */
package dev.ripeness.producers.importers.acled;
