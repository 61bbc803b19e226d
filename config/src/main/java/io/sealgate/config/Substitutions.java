package io.sealgate.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} (an environment variable) and {@code ${file:/path}} (a file's content, minus one trailing
 * newline) inside a scalar value; {@code $${NAME}} stays literal as {@code ${NAME}}. Secrets such as the token PIN are
 * meant to arrive this way, so no message built here ever contains a resolved value.
 */
final class Substitutions {

    /** Secret files hold a PIN or a password; anything larger is almost certainly the wrong file. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String FILE_PREFIX = "file:";

    private final Function<String, String> environment;
    private final FileChecks files;

    Substitutions(Function<String, String> environment, FileChecks files) {
        this.environment = environment;
        this.files = files;
    }

    /** A reference that cannot be resolved; the message is a complete Armeria-style sentence. */
    static final class Unresolved extends Exception {
        private static final long serialVersionUID = 1L;

        Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether {@code text} contains anything this class would expand. */
    static boolean hasReference(String text) {
        return text.contains("${");
    }

    String resolve(String text) throws Unresolved {
        if (!hasReference(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new Unresolved(text.substring(i) + " (expected: a closing '}' after '${')");
                }
                out.append(lookUp(text.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private String lookUp(String reference) throws Unresolved {
        if (reference.startsWith(FILE_PREFIX)) {
            return readFile(reference.substring(FILE_PREFIX.length()));
        }
        if (!ENV_NAME.matcher(reference).matches()) {
            throw new Unresolved("${" + reference + "} (expected: ${NAME} with a name of letters, digits and '_',"
                    + " or ${file:/path})");
        }
        String value = environment.apply(reference);
        if (value == null) {
            throw new Unresolved("${" + reference + "} (expected: environment variable " + reference + " to be set)");
        }
        return value;
    }

    private String readFile(String written) throws Unresolved {
        String shown = "${" + FILE_PREFIX + written + "}";
        if (written.isEmpty()) {
            throw new Unresolved(shown + " (expected: ${file:/path/to/secret})");
        }
        String problem = files.problem(written);
        if (problem == null) {
            try (InputStream in = Files.newInputStream(files.resolve(written))) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    problem = ": larger than " + MAX_FILE_BYTES + " bytes";
                } else {
                    return withoutTrailingNewline(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString());
                }
            } catch (CharacterCodingException e) {
                problem = ": not UTF-8 text";
            } catch (IOException e) {
                problem = ": " + FileChecks.describe(e);
            }
        }
        throw new Unresolved(shown + problem + " (expected: a readable file holding the value)");
    }

    private static String withoutTrailingNewline(String s) {
        // Exactly one: `echo secret > file` adds one, and a value may legitimately end in whitespace otherwise.
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
