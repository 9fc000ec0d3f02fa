package peerchat.engine.api;

import java.util.List;

/**
 * One command as people see it in help and completion: its canonical name, every spelling that
 * invokes it (the original's {@code -name}, its short form, the IRC-style {@code /alias}), the
 * arguments, what it does and the section of the help it belongs to.
 */
public record CommandSpec(String name, List<String> spellings, String args, String help, String section,
                          ArgKind argKind) {
    public CommandSpec {
        spellings = List.copyOf(spellings);
    }

    /** What the first argument names, for completion. */
    public enum ArgKind { NONE, GROUP, USER, TARGET, TEXT }
}
