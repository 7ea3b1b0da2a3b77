package org.nnfs.mnist.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Decides where the MNIST files are: the directory given on the command line ({@code --data}), else the
 * environment variable {@value #ENVIRONMENT}, else the per-user cache ({@code $XDG_CACHE_HOME/nnfs/mnist}
 * or {@code ~/.cache/nnfs/mnist}). A directory the user named must hold the files; only the cache is
 * filled by downloading.
 */
public final class MnistLocator {
    /** Environment variable naming a directory that holds the MNIST files. */
    public static final String ENVIRONMENT = "MNIST_DIR";

    private final UnaryOperator<String> environment;
    private final Path home;
    private final Supplier<MnistDownloader> downloader;

    /**
     * @param environment reads environment variables ({@code System::getenv} in production)
     * @param home        the user's home directory
     * @param downloader  makes the downloader used when the cache lacks files; called at most once per
     *                    {@link #locate}
     */
    public MnistLocator(UnaryOperator<String> environment, Path home, Supplier<MnistDownloader> downloader) {
        this.environment = environment;
        this.home = home;
        this.downloader = downloader;
    }

    /** The real environment, home directory and standard sources; progress lines go to {@code log}. */
    public static MnistLocator standard(Consumer<String> log) {
        return standard(log, line -> { });
    }

    /**
     * As {@link #standard(Consumer)}, with the sources that failed on the way to one that worked going to
     * {@code details} (the application's {@code --verbose}).
     */
    public static MnistLocator standard(Consumer<String> progress, Consumer<String> details) {
        return new MnistLocator(System::getenv, Path.of(System.getProperty("user.home")),
                () -> new MnistDownloader(MnistSources.standard(System.getenv("PATH")), MnistFile::sha256, progress, details));
    }

    /** The per-user cache directory for MNIST. */
    public Path cacheDirectory() {
        return userCache(environment, home).resolve("mnist");
    }

    /**
     * The application's per-user cache directory: {@code $XDG_CACHE_HOME/nnfs}, else {@code ~/.cache/nnfs}.
     *
     * @param environment reads environment variables ({@code System::getenv} in production)
     * @param home        the user's home directory
     */
    public static Path userCache(UnaryOperator<String> environment, Path home) {
        String xdg = environment.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("nnfs");
    }

    /**
     * The directory holding the files of {@code splits}, downloading them into the cache if neither
     * {@code explicit} nor {@value #ENVIRONMENT} is given and the cache lacks them.
     *
     * @param explicit the {@code --data} directory, or null
     * @throws MnistUnavailableException naming the missing files and how to provide them
     */
    public Path locate(Path explicit, MnistSplit... splits) throws IOException {
        if (explicit != null) {
            return requireComplete(explicit, "--data", splits);
        }
        String env = environment.apply(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return requireComplete(Path.of(env.strip()), ENVIRONMENT, splits);
        }
        Path cache = cacheDirectory();
        List<MnistFile> missing = missing(cache, splits);
        if (!missing.isEmpty()) {
            downloader.get().download(cache, missing);
        }
        return cache;
    }

    /** The files of {@code splits} that {@code dir} lacks (in neither raw nor gzipped form). */
    public static List<MnistFile> missing(Path dir, MnistSplit... splits) {
        List<MnistFile> missing = new ArrayList<>();
        for (MnistSplit split : splits) {
            for (MnistFile f : MnistFile.of(split)) {
                if (MnistLoader.find(dir, f).isEmpty()) {
                    missing.add(f);
                }
            }
        }
        return missing;
    }

    private static Path requireComplete(Path dir, String from, MnistSplit... splits) throws MnistUnavailableException {
        List<MnistFile> missing = missing(dir, splits);
        if (!missing.isEmpty()) {
            throw new MnistUnavailableException("MNIST file(s) " + missing + " not found in " + dir + " (from " + from
                    + "). " + howToProvide(dir));
        }
        return dir;
    }

    /** How to provide the files by hand: which four names, where, and how to point the program at them. */
    public static String howToProvide(Path dir) {
        List<String> names = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            names.add(f.fileName());
        }
        return "Put the four MNIST files " + String.join(", ", names) + " (raw, or gzipped with .gz added) in "
                + dir + ", or in any directory given with --data DIR or the environment variable " + ENVIRONMENT + ".";
    }
}
