package org.nnfs.interop.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads classification examples from a CSV file (RFC 4180, parsed by Apache Commons CSV): a header row
 * naming the columns, numbers in every column but the label's, one example per row.
 *
 * <pre>{@code
 * LabeledData iris = Csv.read(Path.of("iris.csv"), "species");
 * Dataset train = iris.toDataset(backend, DType.FLOAT32);
 * }</pre>
 *
 * <p>Labels may be class numbers {@code 0..k-1} or names (numbered in sorted order; {@link LabeledData#classes()}
 * keeps them). A value that is not a finite number, a missing value and a row of another length are
 * reported with the line and the column's name; nothing is guessed or skipped. Empty lines are ignored.
 * The file is UTF-8 (a byte-order mark is skipped).
 */
public final class Csv {
    /** The longest line read, in characters: a record is held in memory whole. */
    public static final long MAX_LINE = 8L << 20;
    /** The most columns read. */
    public static final int MAX_COLUMNS = 100_000;

    private Csv() {
    }

    /** The examples of {@code file}, comma-separated, the label in the column called {@code labelColumn}. */
    public static LabeledData read(Path file, String labelColumn) throws IOException {
        return read(file, labelColumn, ',');
    }

    /** As {@link #read(Path, String)} with another delimiter (e.g. {@code ';'} or {@code '\t'}). */
    public static LabeledData read(Path file, String labelColumn, char delimiter) throws IOException {
        Objects.requireNonNull(labelColumn, "labelColumn");
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).setAllowMissingColumnNames(false)
                .setIgnoreSurroundingSpaces(true).get();
        Reader text = new BoundedLines(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), MAX_LINE);
        try (CSVParser parser = CSVParser.builder().setReader(text).setFormat(format).get()) {
            return read(file, parser, labelColumn);
        } catch (UncheckedIOException e) {
            throw problem(file, e.getCause());
        } catch (CSVException | BoundedLines.TooLongException | CharacterCodingException e) {
            throw problem(file, e);
        } catch (IllegalArgumentException e) { // commons-csv's word for a bad header
            throw new InvalidDataFileException(file, "header row: " + e.getMessage());
        }
    }

    private static LabeledData read(Path file, CSVParser parser, String labelColumn) throws IOException {
        List<String> header = new ArrayList<>(parser.getHeaderNames());
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1)); // a byte-order mark, as spreadsheets write
        }
        if (header.size() > MAX_COLUMNS) {
            throw new InvalidDataFileException(file, "the header has " + header.size() + " columns; at most "
                    + MAX_COLUMNS + " are read (store wide data as NumPy arrays)");
        }
        int label = header.indexOf(labelColumn);
        if (label < 0) {
            throw new InvalidDataFileException(file, "has no column '" + labelColumn + "' for the labels; its columns "
                    + "are " + header);
        }
        if (header.size() < 2) {
            throw new InvalidDataFileException(file, "has only the label column; a feature column is needed too");
        }
        List<String> features = new ArrayList<>(header);
        features.remove(label);
        FloatChunks values = new FloatChunks();
        ClassLabels labels = new ClassLabels();
        int rows = 0;
        for (Iterator<CSVRecord> it = parser.iterator(); it.hasNext(); ) {
            CSVRecord record = it.next();
            long line = parser.getCurrentLineNumber();
            if (record.size() != header.size()) {
                throw new InvalidDataFileException(file, "line " + line + " has " + record.size() + " fields, but the "
                        + "header names " + header.size() + " columns");
            }
            for (int c = 0; c < header.size(); c++) {
                String field = record.get(c);
                if (c == label) {
                    String problem = field.isEmpty() ? "is empty" : labels.add(field);
                    if (problem != null) {
                        throw new InvalidDataFileException(file, "line " + line + ", column '" + header.get(c)
                                + "' (the label): '" + field + "' " + problem);
                    }
                } else {
                    values.add(number(file, line, header.get(c), field));
                }
            }
            rows++;
        }
        if (values.size() > Integer.MAX_VALUE - 8) {
            throw new InvalidDataFileException(file, "holds " + values.size() + " values, more than an array holds");
        }
        if (rows == 0) {
            throw new InvalidDataFileException(file, "has a header but no rows of examples");
        }
        return new LabeledData(values.toArray(), rows, features.size(), labels.indices(), features, labels.classes());
    }

    private static float number(Path file, long line, String column, String field) throws InvalidDataFileException {
        String where = "line " + line + ", column '" + column + "': ";
        if (field.isEmpty()) {
            throw new InvalidDataFileException(file, where + "the value is missing (fill it in or drop the row)");
        }
        if (!isDecimal(field)) {
            throw new InvalidDataFileException(file, where + "'" + shorten(field) + "' is not a number");
        }
        float v = Float.parseFloat(field);
        if (!Float.isFinite(v)) {
            throw new InvalidDataFileException(file, where + "'" + shorten(field) + "' is not a finite number");
        }
        return v;
    }

    /** A decimal number as CSV files write them: {@code -12}, {@code 3.5}, {@code .5}, {@code 1e-3}; no Java suffixes. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static String shorten(String field) {
        return field.length() <= 40 ? field : field.substring(0, 40) + "...";
    }

    private static InvalidDataFileException problem(Path file, Throwable cause) {
        String message = cause instanceof CharacterCodingException ? "is not UTF-8 text"
                : cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new InvalidDataFileException(file, message);
    }
}
