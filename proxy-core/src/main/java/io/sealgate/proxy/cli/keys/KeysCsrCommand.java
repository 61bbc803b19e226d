package io.sealgate.proxy.cli.keys;

import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.KeyVault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sealgate keys csr LABEL [--out FILE]}: a PEM PKCS#10 request for the key, signed inside the token. */
@Command(name = "csr", mixinStandardHelpOptions = true,
        description = "Write a certificate request (PEM) for a key, for an external CA.")
public final class KeysCsrCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private TokenOptions token;

    @Parameters(paramLabel = "LABEL", description = "the key's label")
    private String label;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    private Path out;

    @Override
    public Integer call() throws CliException {
        try (KeyVault vault = token.open()) {
            String pem = vault.csr(label);
            if (out == null) {
                spec.commandLine().getOut().print(pem);
            } else {
                Files.writeString(out, pem);
            }
            return ExitCode.OK;
        } catch (SigningException e) {
            throw TokenOptions.failed(e);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
