package io.tickgate.gateway.testsupport;

/** Reads one value from Prometheus text. */
public final class Scrape {

    private Scrape() {
    }

    /** The value of {@code nameAndLabels} (e.g. {@code tickgate_gateway_edge_sockets}), 0 when absent. */
    public static double value(String scrape, String nameAndLabels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        return 0;
    }
}
