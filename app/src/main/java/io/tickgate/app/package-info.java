/**
 * The launcher: {@code bin/tickgate} runs {@link io.tickgate.app.Main}. {@code cli} holds the subcommands,
 * {@code config} the YAML/env/flag configuration, {@code runtime} the assembly of components and their lifecycle.
 */
package io.tickgate.app;
