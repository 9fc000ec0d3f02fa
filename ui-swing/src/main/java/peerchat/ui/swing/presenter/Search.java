package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * As-you-type search over names: case-insensitive substring, best matches first (the whole name,
 * then names that start with the text, then the rest). Within a rank the input order is kept, so
 * a list already sorted by name stays sorted.
 */
public final class Search {
    private Search() {
    }

    public static <T> List<T> rank(List<T> items, Function<T, String> name, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.copyOf(items);
        }
        List<T> hits = new ArrayList<>();
        for (T item : items) {
            if (score(name.apply(item), q) < 3) {
                hits.add(item);
            }
        }
        hits.sort(Comparator.comparingInt(item -> score(name.apply(item), q)));
        return List.copyOf(hits);
    }

    /** 0 exact, 1 prefix, 2 substring, 3 no match. */
    private static int score(String name, String lowerQuery) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals(lowerQuery)) {
            return 0;
        }
        if (n.startsWith(lowerQuery)) {
            return 1;
        }
        return n.contains(lowerQuery) ? 2 : 3;
    }
}
