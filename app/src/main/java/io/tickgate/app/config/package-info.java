/**
 * Configuration: one YAML document of defaults ({@code tickgate-defaults.yaml}), overlaid by a user file,
 * environment variables and flags, then bound to immutable records.
 */
package io.tickgate.app.config;
