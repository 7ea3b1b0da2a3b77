package org.nnfs.interop.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a text whose lines are longer than a limit while it is read, so that a parser that holds a
 * record in memory (as commons-csv does) never holds more than that: a file of one endless line fails
 * after the limit, not after the heap is gone.
 */
final class BoundedLines extends FilterReader {
    /** The text of a line too long, and where. */
    static final class TooLongException extends IOException {
        TooLongException(long line, long limit) {
            super("line " + line + " is longer than " + limit + " characters");
        }
    }

    private final long limit;
    private long line = 1;
    private long length;

    BoundedLines(Reader in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    private void count(char c) throws TooLongException {
        if (c == '\n') {
            line++;
            length = 0;
        } else if (++length > limit) {
            throw new TooLongException(line, limit);
        }
    }
}
