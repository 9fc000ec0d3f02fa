package peerchat.ui.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * What one line of a {@code --json} script asks for. Almost always the line itself, a command line
 * as typed in the terminal. A line that starts with {@code {"line":} is a JSON object whose
 * {@code line} is the command line instead, so a script can send a message of several lines
 * ({@code {"line":"#dev first\nsecond"}}), which a line of input cannot hold. Any other line starting
 * with {@code {} is text as before: only the {@code "line"} key makes it an object, and then a
 * mistake in it is an error rather than garbage sent to a group.
 */
record InputLine(String command, String error) {
    private static final Pattern OBJECT = Pattern.compile("^\\{\\s*\"line\"\\s*:");

    static InputLine of(String raw, ObjectMapper mapper) {
        String text = raw.strip();
        if (!OBJECT.matcher(text).find()) {
            return new InputLine(raw, null);
        }
        JsonNode node;
        try {
            // Read strictly to the end: readTree stops after the first value, and what followed it
            // ({"line":"-q"} trailing, two objects on a line) was dropped without a word (QA).
            node = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (JsonProcessingException e) {
            return invalid("not a JSON object: " + e.getOriginalMessage());
        }
        if (!node.isObject() || node.size() != 1 || !node.path("line").isTextual()) {
            return invalid("the object has one field, \"line\", a string");
        }
        return new InputLine(node.path("line").asText(), null);
    }

    private static InputLine invalid(String why) {
        return new InputLine(null, "{\"line\": ...}: " + why + " (for example {\"line\":\"#dev first\\nsecond\"})");
    }
}
