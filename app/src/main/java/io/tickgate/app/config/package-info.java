/**
 * Configuration: one YAML document of defaults ({@code tickgate-defaults.yaml}), overlaid by a user file,
 * environment variables and flags, then bound to immutable records. The simulated venues' keys
 * ({@code simulator.venues.<venue>.<setting>}) are those their plug-ins declare
 * ({@code SimulatedVenueKeys}), so no venue's knob is spelled here; the keys they had before
 * are deprecated aliases ({@code LegacySimulatorKeys}).
 */
package io.tickgate.app.config;
