package io.sealgate.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a route's path templates ({@code document-path}, {@code cades-name}) with the variables its match path
 * captured, re-encoding them for the upstream request. Captured values are percent-decoded, so a value may hold
 * characters that mean something in a path: they are percent-encoded again, a {@code /} too unless the variable is the
 * match path's trailing {@code {name...}}; a value that would make a {@code .} or {@code ..} segment is refused, so a
 * request cannot steer the upstream write outside the configured place.
 */
public final class PathFill {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)\\}");
    private static final String UNRESERVED = "-._~!$&'()*+,;=:@";

    private PathFill() {}

    /**
     * {@code template} with each {@code {name}} (or {@code {name...}}) replaced by the encoded value of that variable.
     *
     * @param match     the route's match path, which says which variable may span segments
     * @param variables the variables it captured, percent-decoded
     * @throws IllegalArgumentException when a variable is unknown or its value would form a {@code .}/{@code ..}
     *                                  or empty segment; the message names the variable, never its value
     */
    public static String fill(String template, PathPattern match, Map<String, String> variables) {
        Objects.requireNonNull(template, "template");
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).endsWith("...") ? m.group(1).substring(0, m.group(1).length() - 3) : m.group(1);
            String value = variables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("{" + name + "}: no such path variable (expected: one of "
                        + String.join(", ", new java.util.TreeSet<>(variables.keySet())) + ")");
            }
            boolean rest = match.isRestVariable(name);
            for (String segment : rest ? value.split("/", -1) : new String[] {value}) {
                if (segment.equals(".") || segment.equals("..") || (!rest && segment.isEmpty())) {
                    throw new IllegalArgumentException("{" + name
                            + "}: a dot or empty segment (expected: a file name)");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(value, rest)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Where the detached CAdES signature of a document uploaded to {@code documentPath} goes: {@code cadesName} filled
     * in, relative to the document's directory unless it starts with '/'; {@code documentPath + ".p7s"} without one.
     *
     * @param documentPath the raw (percent-encoded) path the document is written to
     */
    public static String cadesPath(String documentPath, java.util.Optional<String> cadesName, PathPattern match,
            Map<String, String> variables) {
        if (cadesName.isEmpty()) {
            return documentPath + ".p7s";
        }
        String filled = fill(cadesName.get(), match, variables);
        return filled.startsWith("/") ? filled : documentPath.substring(0, documentPath.lastIndexOf('/') + 1) + filled;
    }

    private static String encode(String value, boolean keepSlash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && UNRESERVED.indexOf(c) >= 0) || (keepSlash && c == '/');
            if (plain) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
