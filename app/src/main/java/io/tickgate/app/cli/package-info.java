/** The subcommands of {@code bin/tickgate}: demo, gateway, simulator, replay, record; options shared through mixins. */
package io.tickgate.app.cli;
