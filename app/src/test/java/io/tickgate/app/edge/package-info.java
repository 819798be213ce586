/** System tests of the gateway's network edge against the real demo process. */
package io.tickgate.app.edge;
