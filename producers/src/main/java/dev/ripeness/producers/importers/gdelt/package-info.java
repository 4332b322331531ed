/** GDELT 2.0 events exports (61 tab-separated columns, no header) → canonical events via CAMEO mapping. */
package dev.ripeness.producers.importers.gdelt;
