package org.nnfs.interop.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} array: a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 784), }}, read strictly: exactly the
 * three keys NumPy writes, each of its type.
 *
 * @param descr        the element type, e.g. {@code <f4}
 * @param fortranOrder true for column-major data
 * @param shape        the dimensions
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    static NpyHeader parse(String text) {
        Parser p = new Parser(text);
        Map<String, Object> dict = p.dict();
        p.skipSpaces();
        if (p.at < text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.charAt(p.at) + "' after the dict");
        }
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new IllegalArgumentException("the dict must have exactly the keys 'descr', 'fortran_order' and "
                    + "'shape', got " + dict.keySet());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new IllegalArgumentException("'descr' must be a string such as '<f4' (structured arrays are not read)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new IllegalArgumentException("'fortran_order' must be True or False");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new IllegalArgumentException("'shape' must be a tuple of integers");
        }
        return new NpyHeader(descr, fortran, shape);
    }

    /** A recursive-descent reader of the literal subset NumPy writes. */
    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            expect('{');
            Map<String, Object> out = new HashMap<>();
            skipSpaces();
            while (peek() != '}') {
                String key = string();
                expect(':');
                Object value = value();
                if (out.put(key, value) != null) {
                    throw new IllegalArgumentException("key '" + key + "' appears twice");
                }
                skipSpaces();
                if (peek() == ',') {
                    at++;
                    skipSpaces();
                } else if (peek() != '}') {
                    throw error("',' or '}'");
                }
            }
            at++;
            return out;
        }

        Object value() {
            skipSpaces();
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            throw error("a string, a tuple, True or False");
        }

        String string() {
            skipSpaces();
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("a quoted string");
            }
            int end = s.indexOf(quote, at + 1);
            if (end < 0) {
                throw new IllegalArgumentException("a string starting at character " + at + " never ends");
            }
            String value = s.substring(at + 1, end);
            at = end + 1;
            return value;
        }

        long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            skipSpaces();
            while (peek() != ')') {
                int start = at;
                while (at < s.length() && Character.isDigit(s.charAt(at)) && s.charAt(at) < 128) {
                    at++;
                }
                if (start == at || at - start > 18) {
                    throw error("a dimension (a non-negative integer)");
                }
                dims.add(Long.parseLong(s.substring(start, at)));
                if (peek() == 'L') { // Python 2's long literals, in old files
                    at++;
                }
                skipSpaces();
                if (peek() == ',') {
                    at++;
                    skipSpaces();
                } else if (peek() != ')') {
                    throw error("',' or ')'");
                }
            }
            at++;
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        void expect(char c) {
            skipSpaces();
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            at++;
        }

        char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        void skipSpaces() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\n' || s.charAt(at) == '\t'
                    || s.charAt(at) == '\r')) {
                at++;
            }
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("expected " + expected + " at character " + at + ", found "
                    + (at < s.length() ? "'" + s.charAt(at) + "'" : "the end"));
        }
    }
}
