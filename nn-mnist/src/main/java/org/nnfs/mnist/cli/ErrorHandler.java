package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

import org.nnfs.tensor.BackendException;
import org.nnfs.train.TrainingDivergedException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line {@code error: ...} on standard error, with no stack trace unless
 * {@code --verbose}: exit code 2 for a bad command line, 1 for everything else (missing or corrupt
 * files, an unavailable backend, a diverged training, running out of memory, a bug).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Exit code of a usage error. */
    static final int USAGE = 2;
    /** Exit code of any other failure. */
    static final int FAILURE = 1;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (Arrays.asList(args).contains("--verbose")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("error: " + message(ex));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        } else if (!isExpected(ex)) {
            err.println("(this looks like a bug; run again with --verbose for the stack trace)");
        }
        err.flush();
        return FAILURE;
    }

    /**
     * Reports an {@link OutOfMemoryError} (which picocli lets through) as one line with the remedy, the stack
     * trace only with {@code --verbose}; exit code 1.
     */
    int handleOutOfMemory(OutOfMemoryError e, PrintWriter err, String[] args) {
        err.println("error: " + message(e));
        if (Arrays.asList(args).contains("--verbose")) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /** The user-facing text of a failure. */
    static String message(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError oom) {
                return outOfMemory(oom);
            }
        }
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof NoSuchFileException e) {
            return e.getReason() == null ? e.getFile() + ": file not found" : e.getMessage();
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (t instanceof FileAlreadyExistsException e) {
            return e.getFile() + ": already exists";
        }
        if (isExpected(t)) {
            String m = t.getMessage();
            return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        }
        return "internal error: " + t;
    }

    private static String outOfMemory(OutOfMemoryError e) {
        String reason = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        if (reason.contains("native thread")) {
            return "out of memory for threads" + reason + ": use fewer --threads";
        }
        return "out of memory" + reason + ": use a smaller model (--hidden) or fewer examples (--limit), or "
                + MemoryBudget.moreMemory(2 * Runtime.getRuntime().maxMemory());
    }

    /** Failures a user can cause and fix; anything else is a bug in this program. */
    private static boolean isExpected(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        return t instanceof IOException || t instanceof BackendException || t instanceof TrainingDivergedException
                || t instanceof UserException || t instanceof IllegalArgumentException;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
