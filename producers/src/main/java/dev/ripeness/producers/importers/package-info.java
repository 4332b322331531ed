/**
 * Importers of public conflict-event data sets (ACLED, GDELT 2.0, UCDP GED) onto the canonical
 * event, through documented mapping tables ({@code importers/*-mapping.txt}, docs/importers.md).
 * Columns are found by name in every layout seen in the wild; the conflict file's
 * {@code upstream} block and actor aliases scope the rows. Each row becomes an offer that is
 * accepted (an event), filtered (out of the conflict or the model's scope, with a grouped
 * reason) or rejected (cannot be read or mapped: the column to blame and the fix).
 * {@link dev.ripeness.producers.importers.FormatDetector} tells the formats apart by their first line.
 */
package dev.ripeness.producers.importers;
