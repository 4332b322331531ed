/**
 * Importers of public conflict-event data sets (ACLED, GDELT 2.0, UCDP GED) onto the canonical
 * event, through documented mapping tables ({@code importers/*-mapping.txt}, docs/importers.md).
 * Each sub-package reads one upstream layout exactly; rows that cannot be parsed or mapped
 * become rejected offers with their reason.
 */
package dev.ripeness.producers.importers;
