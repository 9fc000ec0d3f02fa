package peerchat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * How every benchmark reports (DESIGN.md › Benchmarks): a readable table first, then one line per
 * figure, {@code BENCH <name> <value> <unit>}, so that runs can be compared by a script.
 */
public final class Report {
    private record Row(String name, double value, String unit, String note) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();

    public Report(String title) {
        this.title = title;
    }

    /** Runs {@code measure} {@code warmups} times unrecorded, then {@code runs} times; returns the median. */
    public static double median(int warmups, int runs, DoubleSupplier measure) {
        for (int i = 0; i < warmups; i++) {
            measure.getAsDouble();
        }
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) {
            values[i] = measure.getAsDouble();
        }
        Arrays.sort(values);
        return runs % 2 == 1 ? values[runs / 2] : (values[runs / 2 - 1] + values[runs / 2]) / 2;
    }

    /** The median over {@code runs} of one figure of each (runs measured already, e.g. histograms). */
    public static <T> double medianOf(List<T> runs, ToDoubleFunction<T> figure) {
        return runs.stream().mapToDouble(figure).sorted().toArray()[runs.size() / 2];
    }

    public Report add(String name, double value, String unit) {
        return add(name, value, unit, "");
    }

    /** {@code note} is shown in the table only: what the figure is compared with, the target, ... */
    public Report add(String name, double value, String unit, String note) {
        rows.add(new Row(name, value, unit, note));
        return this;
    }

    public void print() {
        int width = rows.stream().mapToInt(r -> r.name.length()).max().orElse(10);
        System.out.println();
        System.out.println("== " + title + " ==");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-" + width + "s  %14s %-10s %s%n", r.name, format(r.value), r.unit, r.note);
        }
        System.out.println();
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "BENCH %s %s %s%n", r.name, format(r.value), r.unit);
        }
        System.out.flush();
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }
}
