package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.testing.TestData;

class ContentDigestTest {
    @TempDir
    Path dir;

    @Test
    void bakedInChecksumsAreThoseOfTheRealFilesRawAndGzipped() throws IOException, NoSuchAlgorithmException {
        for (MnistFile f : MnistFile.values()) {
            byte[] content = TestData.mnistContent(f);
            // Independent of the code under test: the JDK's digest of the inflated bytes.
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), f.sha256(),
                    f.fileName());
            Path real = TestData.mnistFile(f);
            assertEquals(f.sha256(), ContentDigest.sha256OfContent(real), real.toString());
            Path other = TestData.write(dir, f.fileName(), ContentDigest.isGzip(real) ? content : TestData.gzip(content));
            assertEquals(f.sha256(), ContentDigest.sha256OfContent(other), "the other form of " + real);
        }
    }

    @Test
    void hashesRawContentAndInflatedContentAlike() throws IOException {
        byte[] content = "abc".getBytes(StandardCharsets.US_ASCII);
        Path raw = TestData.write(dir, "raw", content);
        Path gz = TestData.write(dir, "gz", TestData.gzip(content));
        // SHA-256("abc") from FIPS 180-2.
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertFalse(ContentDigest.isGzip(raw));
        assertEquals(abc, ContentDigest.sha256OfContent(raw));
        assertEquals(abc, ContentDigest.sha256OfContent(gz));
    }
}
