package org.nnfs.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.testing.TestData;

class ContentDigestTest {
    @TempDir
    Path dir;

    @Test
    void bakedInChecksumsMatchThePublishedListAndTheFiles() throws IOException {
        Map<String, String> published = new HashMap<>();
        for (String line : Files.readAllLines(TestData.mnistDir().resolve("SHA256SUMS.uncompressed"))) {
            String[] parts = line.trim().split("\\s+");
            published.put(parts[1], parts[0]);
        }
        for (MnistFile f : MnistFile.values()) {
            assertEquals(published.get(f.fileName()), f.sha256(), f.fileName());
            Path gz = TestData.mnistDir().resolve(f.gzipFileName());
            assertTrue(ContentDigest.isGzip(gz));
            assertEquals(f.sha256(), ContentDigest.sha256OfContent(gz), f.fileName());
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
