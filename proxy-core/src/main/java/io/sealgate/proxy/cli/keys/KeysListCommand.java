package io.sealgate.proxy.cli.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.KeyInfo;
import io.sealgate.signing.keys.KeyVault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sealgate keys list [--json]}: every key with its algorithm, status and certificate. JSON output is an
 * array of objects with {@code label, algorithm, status, subject, issuer, notBefore, notAfter} (ISO-8601 instants,
 * status lower case: {@code enabled}, {@code disabled}, {@code pending}).
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys in the token.")
public final class KeysListCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private TokenOptions token;

    @Option(names = "--json", description = "print JSON instead of a table")
    private boolean json;

    @Override
    public Integer call() throws CliException {
        List<KeyInfo> keys;
        try (KeyVault vault = token.open()) {
            keys = vault.list();
        } catch (SigningException e) {
            throw TokenOptions.failed(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (KeyInfo k : keys) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("label", k.label());
                row.put("algorithm", k.algorithm());
                row.put("status", k.status().name().toLowerCase(Locale.ROOT));
                row.put("subject", k.subject());
                row.put("issuer", k.issuer());
                row.put("notBefore", k.notBefore().toString());
                row.put("notAfter", k.notAfter().toString());
                rows.add(row);
            }
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON of strings", e);
            }
            return ExitCode.OK;
        }
        String format = "%-20s %-9s %-9s %-21s %s%n";
        out.printf(format, "LABEL", "ALGORITHM", "STATUS", "NOT-AFTER", "SUBJECT (ISSUER)");
        for (KeyInfo k : keys) {
            out.printf(format, k.label(), k.algorithm(), k.status().name().toLowerCase(Locale.ROOT), k.notAfter(),
                    k.subject() + " (" + k.issuer() + ")");
        }
        return ExitCode.OK;
    }
}
