package io.tickgate.feed.json;

/** What a venue frame decoder did with one frame. Decoders return a status instead of throwing. */
public enum DecodeStatus {
    /** The frame was understood and its messages were handed to the sink. */
    OK,
    /** A well-formed frame of a kind this adapter does not translate (e.g. an unsupported stream); nothing emitted. */
    IGNORED,
    /** Not valid JSON or not the venue's format (missing or mistyped fields); nothing emitted. */
    MALFORMED
}
