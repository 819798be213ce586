/**
 * Layout checks shared with the feed's tests through the simulator's test-jar: {@link
 * io.tickgate.simulator.testing.VenueSpellings} finds a venue's name spelled outside the venue packages (in class
 * names, member names and, read from the class file by {@code ClassStrings}, string constants).
 */
package io.tickgate.simulator.testing;
