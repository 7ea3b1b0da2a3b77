package org.nnfs.mnist.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Function;

import org.nnfs.mnist.data.MnistLocator;

/** Runs the application in-process, capturing what it prints. */
final class Cli {
    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    static Result run(String... args) {
        return run(new MnistApp(), args);
    }

    static Result run(Function<PrintWriter, MnistLocator> locators, String... args) {
        return run(new MnistApp(locators), args);
    }

    static Result run(MnistApp app, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MnistApp.execute(app, args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
