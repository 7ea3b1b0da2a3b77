package org.nnfs.mnist.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class IncubatorWarningFilterTest {
    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    @Test
    void dropsTheWarningWhenItIsTheFirstLine() throws IOException {
        assertEquals("error: x\nmore\n", filter(WARNING + "\nerror: x\nmore\n"));
        assertEquals("", filter(WARNING + "\n"));
        assertEquals("next\n", filter(WARNING + "\r\nnext\n"));
    }

    @Test
    void passesEverythingElseUnchanged() throws IOException {
        assertEquals("", filter(""));
        assertEquals("error: x\n" + WARNING + "\n", filter("error: x\n" + WARNING + "\n"));
        assertEquals(WARNING, filter(WARNING), "an unfinished line is not the warning");
        assertEquals(WARNING + " and more\nrest", filter(WARNING + " and more\nrest"));
        String longLine = "x".repeat(10_000) + "\ny\n";
        assertEquals(longLine, filter(longLine));
        assertEquals("é ü\n", filter("é ü\n"));
    }

    private static String filter(String in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IncubatorWarningFilter.copy(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
