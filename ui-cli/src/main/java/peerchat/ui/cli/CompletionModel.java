package peerchat.ui.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import peerchat.engine.api.CommandSpec;
import peerchat.engine.api.CommandSpec.ArgKind;
import peerchat.engine.api.Commands;
import peerchat.store.event.GroupName;

/**
 * What Tab may complete a word to: command spellings at the start of a line, user labels after
 * {@code @}, group names after {@code #}, and a command's first argument by its kind (a group for
 * {@code /join}, {@code #group} or {@code @user} for {@code /open}), leaving out what the command
 * cannot take: {@code all} for {@code /join} (everyone is in it), anyone not ignored for
 * {@code /unignore}, anyone already ignored for {@code /ignore}. Pure: the names are given.
 */
public final class CompletionModel {
    private CompletionModel() {
    }

    /**
     * @param words      the words of the line so far
     * @param wordIndex  the word being completed
     * @param users      labels of the other users
     * @param ignored    labels of the users among them this node ignores
     * @param groups     group names
     * @return whole words that start with what is typed (case-insensitive), in a stable order
     */
    public static List<String> candidates(List<String> words, int wordIndex, List<String> users, List<String> ignored,
                                          List<String> groups) {
        String typed = wordIndex < words.size() ? words.get(wordIndex) : "";
        List<String> all = new ArrayList<>();
        if (wordIndex == 0 && (typed.startsWith("-") || typed.startsWith("/"))) {
            Commands.ALL.forEach(c -> all.addAll(c.spellings()));
        } else if (wordIndex == 1 && !words.isEmpty() && command(words.get(0)).isPresent()) {
            CommandSpec spec = command(words.get(0)).get();
            ArgKind kind = spec.argKind();
            if (kind == ArgKind.GROUP) {
                List<String> g = spec.name().equals("joingroup")
                        ? groups.stream().filter(n -> !n.equals(GroupName.ALL.value())).collect(Collectors.toList()) : groups;
                all.addAll(typed.startsWith("#") ? prefixed("#", g) : g);
            } else if (kind == ArgKind.USER) {
                List<String> u = users;
                if (spec.name().equals("unignore")) {
                    u = ignored;
                } else if (spec.name().equals("ignore")) {
                    u = users.stream().filter(n -> !ignored.contains(n)).collect(Collectors.toList());
                }
                all.addAll(typed.startsWith("@") ? prefixed("@", u) : u);
            } else if (kind == ArgKind.TARGET) {
                all.addAll(prefixed("#", groups));
                all.addAll(prefixed("@", users));
            } else {
                all.addAll(sigiled(typed, users, groups));
            }
        } else {
            all.addAll(sigiled(typed, users, groups));
        }
        String low = typed.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String c : all) {
            if (c.toLowerCase(Locale.ROOT).startsWith(low) && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<String> sigiled(String typed, List<String> users, List<String> groups) {
        if (typed.startsWith("@")) {
            return prefixed("@", users);
        }
        if (typed.startsWith("#")) {
            return prefixed("#", groups);
        }
        return List.of();
    }

    private static Optional<CommandSpec> command(String word) {
        return Commands.bySpelling(word);
    }

    private static List<String> prefixed(String sigil, List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        names.forEach(n -> out.add(sigil + n));
        return out;
    }
}
