package peerchat.bench;

import java.util.Locale;

/**
 * The one entry point of the benchmarks: {@code Bench <store|causal|net|system>} runs
 * {@code peerchat.bench.<Name>Bench#main}. Benchmarks print figures; nothing here asserts speed.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: deploy/bench/run <store|causal|net|system> [options]");
            System.exit(2);
        }
        String name = args[0].toLowerCase(Locale.ROOT);
        String className = "peerchat.bench." + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Bench";
        Class<?> bench;
        try {
            bench = Class.forName(className);
        } catch (ClassNotFoundException e) {
            System.err.println("no such benchmark: " + name);
            System.exit(2);
            return;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        bench.getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
