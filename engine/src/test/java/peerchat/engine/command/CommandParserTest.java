package peerchat.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import peerchat.engine.api.Commands;

class CommandParserTest {

    @Test
    void plainTextGoesToTheCurrentConversation() {
        assertThat(CommandParser.parse("  hello there ")).isEqualTo(new Command.Send(null, "hello there", 0));
    }

    @Test
    void atAndHashAddressATarget() {
        assertThat(CommandParser.parse("@bob hi bob")).isEqualTo(new Command.Send("@bob", "hi bob", 0));
        assertThat(CommandParser.parse("#dev  ship it")).isEqualTo(new Command.Send("#dev", "ship it", 0));
        assertThat(CommandParser.parse("/msg #dev ship it")).isEqualTo(new Command.Send("#dev", "ship it", 0));
    }

    @Test
    void everySpellingOfEveryCommandParsesToThatCommand() {
        for (var spec : Commands.ALL) {
            for (String spelling : spec.spellings()) {
                String line = switch (spec.argKind()) {
                    case NONE -> spelling;
                    case TEXT -> spec.name().equals("delay") ? spelling + " 1.5 hello"
                            : spec.name().equals("since") ? spelling + " 0" : spelling + " text";
                    default -> spec.name().equals("msg") ? spelling + " #g hi" : spelling + " g";
                };
                Command c = CommandParser.parse(line);
                String expected = spec.name().equals("msg") || spec.name().equals("me") ? "send" : spec.name();
                assertThat(c.name()).as(line).isEqualTo(expected);
                assertThat(c).as(line).isNotInstanceOf(Command.Invalid.class);
            }
        }
    }

    @Test
    void theLimitCountsCharactersAsAPersonDoesNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertThat(CommandParser.parse(emoji.repeat(4000))).isInstanceOf(Command.Send.class);
        assertThat(CommandParser.parse(emoji.repeat(4001))).isEqualTo(new Command.Invalid("send",
                "the message is 4001 characters long; the limit is 4000"));
    }

    @Test
    void whatFollowsACommandThatTakesNothingIsAnErrorNotDropped() {
        assertThat(CommandParser.parse("-lg\nhello")).isEqualTo(new Command.Invalid("listgroups",
                "-lg takes nothing after it; not run, nothing sent: hello"));
        assertThat(CommandParser.parse("-waiting extra\nmore")).isEqualTo(new Command.Invalid("waiting",
                "-waiting takes nothing after it; not run, nothing sent: extra ..."));
        assertThat(CommandParser.parse("/quit bye all")).isEqualTo(new Command.Quit("bye all"));
        assertThat(CommandParser.parse("-q")).isEqualTo(new Command.Quit(""));
        // /q is /query in irssi and mIRC: someone used to them opens a conversation, not quits.
        assertThat(CommandParser.parse("/q @bob")).isEqualTo(new Command.Open("@bob"));
    }

    @Test
    void aMessageKeepsItsLineBreaksWhateverThePlatformSent() {
        assertThat(CommandParser.parse("first\nsecond\n\n  indented")).isEqualTo(new Command.Send(null, "first\nsecond\n\n  indented", 0));
        assertThat(CommandParser.parse("@bob a\r\nb\rc\r\n")).isEqualTo(new Command.Send("@bob", "a\nb\nc", 0));
        assertThat(CommandParser.parse("#dev\nstack trace:\n  at x")).isEqualTo(new Command.Send("#dev", "stack trace:\n  at x", 0));
        assertThat(CommandParser.parse("/msg @bob one\ntwo")).isEqualTo(new Command.Send("@bob", "one\ntwo", 0));
        assertThat(CommandParser.parse("-delay 2\n@bob one\ntwo")).isEqualTo(new Command.Send("@bob", "one\ntwo", 2));
        assertThat(CommandParser.parse("\n\n-lu\n")).isEqualTo(new Command.ListUsers());
        assertThat(CommandParser.parse("/join dev\n")).isEqualTo(new Command.JoinGroup("dev"));
    }

    @Test
    void commandWordsAreCaseInsensitive() {
        assertThat(CommandParser.parse("-LU")).isEqualTo(new Command.ListUsers());
        assertThat(CommandParser.parse("/JOIN dev")).isEqualTo(new Command.JoinGroup("dev"));
    }

    @Test
    void delayHoldsBackAMessageLine() {
        assertThat(CommandParser.parse("-delay 2.5 @bob later")).isEqualTo(new Command.Send("@bob", "later", 2.5));
        assertThat(CommandParser.parse("-delay 0.1 plain")).isEqualTo(new Command.Send(null, "plain", 0.1));
        assertThat(CommandParser.parse("-delay x hi")).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse("-delay -1 hi")).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse("-delay 1 -lu")).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse("-delay 1")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void searchTakesTextAndOptionallyWhereFirst() {
        assertThat(CommandParser.parse("-search hello there")).isEqualTo(new Command.Search(null, "hello there", CommandParser.SEARCH_RESULTS));
        assertThat(CommandParser.parse("/search #dev build  broke")).isEqualTo(new Command.Search("#dev", "build  broke", CommandParser.SEARCH_RESULTS));
        assertThat(CommandParser.parse("/grep @bob lunch")).isEqualTo(new Command.Search("@bob", "lunch", CommandParser.SEARCH_RESULTS));
        assertThat(CommandParser.parse("-search #dev")).as("a word alone is what to look for").isEqualTo(new Command.Search(null, "#dev", CommandParser.SEARCH_RESULTS));
        assertThat(CommandParser.parse("-search # x")).isEqualTo(new Command.Search(null, "# x", CommandParser.SEARCH_RESULTS));
        assertThat(CommandParser.parse("-search")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void sinceTakesASeqAndAnOptionalCount() {
        assertThat(CommandParser.parse("-since 0")).isEqualTo(new Command.Since(0, CommandParser.DEFAULT_SINCE));
        assertThat(CommandParser.parse("/since 2300 50")).isEqualTo(new Command.Since(2300, 50));
        assertThat(CommandParser.parse("-since 99999999999999999999999")).isEqualTo(new Command.Since(Long.MAX_VALUE, CommandParser.DEFAULT_SINCE));
        assertThat(CommandParser.parse("-since 5 99999999999")).isEqualTo(new Command.Since(5, CommandParser.MAX_HISTORY));
        for (String bad : new String[] {"-since", "-since x", "-since -1", "-since 1 2 3", "-since 5 0", "-since #all"}) {
            assertThat(CommandParser.parse(bad)).as(bad).isInstanceOf(Command.Invalid.class);
        }
        assertThat(((Command.Invalid) CommandParser.parse("-since")).message()).contains("usage: -since <seq> [n]");
    }

    @Test
    void historyTakesAnOptionalTargetAndCount() {
        assertThat(CommandParser.parse("-history")).isEqualTo(new Command.History(null, CommandParser.DEFAULT_HISTORY));
        assertThat(CommandParser.parse("-history #dev 5")).isEqualTo(new Command.History("#dev", 5));
        assertThat(CommandParser.parse("-history 7")).isEqualTo(new Command.History(null, 7));
        assertThat(CommandParser.parse("-history 0")).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse("-history 99999999999999")).isEqualTo(new Command.History(null, CommandParser.MAX_HISTORY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-joingroup", "-leavegroup", "-creategroup", "-members", "-finduser", "-findgroup", "/msg", "/msg #g", "-open", "-unignore"})
    void missingArgumentsAreErrorsNamingTheCommand(String line) {
        Command c = CommandParser.parse(line);
        assertThat(c).isInstanceOf(Command.Invalid.class);
        assertThat(((Command.Invalid) c).message()).contains("missing argument");
    }

    @Test
    void aGroupOrUserNameIsOneWordNotTheFirstOfSeveral() {
        assertThat(CommandParser.parse("/create my group")).isEqualTo(new Command.Invalid("creategroup",
                "one name only: \"my group\" is 2 words, and names have no spaces (my-group?); usage: -creategroup <group>"));
        assertThat(CommandParser.parse("-joingroup no such!")).isEqualTo(new Command.Invalid("joingroup",
                "one name only: \"no such!\" is 2 words, and names have no spaces; usage: -joingroup <group>"));
        for (String line : new String[] {"-leavegroup a b", "-members a b c", "/open #a b", "/open @bob smith"}) {
            assertThat(CommandParser.parse(line)).as(line).isInstanceOf(Command.Invalid.class);
        }
        assertThat(CommandParser.parse("/join  dev ")).isEqualTo(new Command.JoinGroup("dev"));
        assertThat(CommandParser.parse("/open #dev")).isEqualTo(new Command.Open("#dev"));
    }

    @Test
    void meIsAnActionInTheCurrentConversationAndKeepsItsSlashMe() {
        assertThat(CommandParser.parse("/me waves at  you")).isEqualTo(new Command.Send(null, "/me waves at  you", 0));
        assertThat(CommandParser.parse("@bob /me waves")).isEqualTo(new Command.Send("@bob", "/me waves", 0));
        assertThat(CommandParser.parse("/me")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void idNamesOneUserOrNobodyForOnesOwn() {
        assertThat(CommandParser.parse("-id")).isEqualTo(new Command.Identity(null));
        assertThat(CommandParser.parse("/verify @bob")).isEqualTo(new Command.Identity("@bob"));
        assertThat(CommandParser.parse("/id bob")).isEqualTo(new Command.Identity("bob"));
        assertThat(CommandParser.parse("-id bob smith")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void ignoreNamesOneUserOrNobodyToListThem() {
        assertThat(CommandParser.parse("/ignore @bob")).isEqualTo(new Command.Ignore("@bob"));
        assertThat(CommandParser.parse("-ignore bob")).isEqualTo(new Command.Ignore("bob"));
        assertThat(CommandParser.parse("-ignore")).isEqualTo(new Command.Ignore(null));
        assertThat(CommandParser.parse("/unignore @bob")).isEqualTo(new Command.Unignore("@bob"));
        assertThat(CommandParser.parse("/ignore bob smith")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void forgetNamesOneUserOrNobodyToListThem() {
        assertThat(CommandParser.parse("/forget @bob")).isEqualTo(new Command.Forget("@bob"));
        assertThat(CommandParser.parse("-FORGET bob")).isEqualTo(new Command.Forget("bob"));
        assertThat(CommandParser.parse("-forget")).isEqualTo(new Command.Forget(null));
        assertThat(CommandParser.parse("-forget bob smith")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void nickTakesOneName() {
        assertThat(CommandParser.parse("/nick bobby")).isEqualTo(new Command.Rename("bobby"));
        assertThat(CommandParser.parse("-name  bobby ")).isEqualTo(new Command.Rename("bobby"));
        assertThat(CommandParser.parse("-nick bob smith")).isInstanceOf(Command.Invalid.class);
        assertThat(((Command.Invalid) CommandParser.parse("-nick")).message()).contains("missing argument: -nick <name>");
    }

    @Test
    void unknownCommandsAreErrorsNotMessages() {
        Command c = CommandParser.parse("-frobnicate now");
        assertThat(c).isEqualTo(new Command.Invalid("frobnicate", "unknown command -frobnicate (-help lists them)"));
    }

    @Test
    void dashesThatAreNotCommandsAreText() {
        assertThat(CommandParser.parse("-- see above")).isEqualTo(new Command.Send(null, "-- see above", 0));
        assertThat(CommandParser.parse("-5 degrees")).isEqualTo(new Command.Send(null, "-5 degrees", 0));
        assertThat(CommandParser.parse("/ as in division")).isEqualTo(new Command.Send(null, "/ as in division", 0));
    }

    /** A command begun and not written is an error, not a message to the group (QA: "/" and "--" were sent). */
    @Test
    void commandSignsAloneAreNeitherCommandsNorMessages() {
        for (String line : new String[] {"/", "-", "--", "//", " / "}) {
            assertThat(CommandParser.parse(line)).as(line).isEqualTo(new Command.Invalid("send",
                    "not sent: " + line.strip() + " alone is no command and no message (-help lists the commands)"));
        }
    }

    /** irssi's /q opens a conversation; alone, it was most likely meant to leave, and the error says how. */
    @Test
    void slashQAloneSaysHowToLeave() {
        assertThat(((Command.Invalid) CommandParser.parse("/q")).message())
                .isEqualTo("missing argument: /q <#group|@user> opens a conversation; -q or /quit leaves");
        assertThat(CommandParser.parse("/q #dev")).isInstanceOf(Command.Open.class);
        assertThat(CommandParser.parse("-q")).isInstanceOf(Command.Quit.class);
    }

    @Test
    void emptyOrOverlongLinesAreRefused() {
        assertThat(CommandParser.parse("   ")).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse(null)).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse("@bob")).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse("x".repeat(4001))).isInstanceOf(Command.Invalid.class);
        assertThat(CommandParser.parse("x".repeat(4000))).isInstanceOf(Command.Send.class);
    }

    @Test
    void helpTextListsEverySpelling() {
        String help = Commands.helpText();
        Commands.ALL.forEach(c -> c.spellings().forEach(s -> assertThat(help).contains(s)));
    }
}
