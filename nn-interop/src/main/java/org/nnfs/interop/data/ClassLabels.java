package org.nnfs.interop.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the labels a file writes into class indices. Labels that are all whole numbers from 0 are the
 * indices themselves (the usual {@code 0..k-1} encoding; classes nobody uses keep their place); any
 * other labels are class names, numbered in sorted order, as scikit-learn's {@code LabelEncoder} does.
 */
final class ClassLabels {
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int[] codes = new int[1024];
    private int count;

    /**
     * Adds the next example's label.
     *
     * @return a problem to report, or null
     */
    String add(String label) {
        Integer code = seen.get(label);
        if (code == null) {
            if (names.size() == LabeledData.MAX_CLASSES) {
                return "is the " + (LabeledData.MAX_CLASSES + 1) + "th distinct label; a class label takes at most "
                        + LabeledData.MAX_CLASSES + " values (is this column a regression target or an id?)";
            }
            code = names.size();
            seen.put(label, code);
            names.add(label);
        }
        if (count == codes.length) {
            codes = java.util.Arrays.copyOf(codes, codes.length * 2);
        }
        codes[count++] = code;
        return null;
    }

    /** The class names, by class index. */
    List<String> classes() {
        Integer[] numbers = numbers();
        if (numbers != null) {
            int max = 0;
            for (int n : numbers) {
                max = Math.max(max, n);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i <= max; i++) {
                out.add(Integer.toString(i));
            }
            return out;
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return sorted;
    }

    /** The class index of every label added, in order. */
    int[] indices() {
        Integer[] numbers = numbers();
        int[] remap = new int[names.size()];
        if (numbers != null) {
            for (int i = 0; i < remap.length; i++) {
                remap[i] = numbers[i];
            }
        } else {
            List<String> sorted = classes();
            for (int i = 0; i < remap.length; i++) {
                remap[i] = java.util.Collections.binarySearch(sorted, names.get(i));
            }
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = remap[codes[i]];
        }
        return out;
    }

    /** The labels as class numbers when every one is a whole number in {@code [0, MAX_CLASSES)}, else null. */
    private Integer[] numbers() {
        Integer[] out = new Integer[names.size()];
        for (int i = 0; i < out.length; i++) {
            String n = names.get(i);
            if (n.isEmpty() || n.length() > 5 || !n.chars().allMatch(Character::isDigit)) {
                return null;
            }
            out[i] = Integer.parseInt(n);
            if (out[i] >= LabeledData.MAX_CLASSES) {
                return null;
            }
        }
        return out;
    }
}
