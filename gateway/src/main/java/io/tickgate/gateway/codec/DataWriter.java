package io.tickgate.gateway.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes the {@code data} value of a message (a JSON object) to a generator. */
@FunctionalInterface
public interface DataWriter {

    void write(JsonGenerator g) throws IOException;
}
