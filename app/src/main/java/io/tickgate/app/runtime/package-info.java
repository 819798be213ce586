/**
 * Assembly and lifecycle: {@link io.tickgate.app.runtime.Components} starts each part in data-flow order and closes
 * them in reverse.
 */
package io.tickgate.app.runtime;
