/** UCDP GED CSV (mapped by header name) → canonical events with fatality figures. */
package dev.ripeness.producers.importers.ucdp;
