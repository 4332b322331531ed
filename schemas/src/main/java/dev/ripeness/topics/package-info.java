/** The topic catalog: each topic's name, serdes, formats and retention, declared once. */
package dev.ripeness.topics;
