package io.sealgate.proxy.cli.keys;

import io.sealgate.config.ConfigException;
import io.sealgate.config.TokenConfig;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.proxy.cli.CliException;
import io.sealgate.proxy.cli.ConfigFiles;
import io.sealgate.proxy.cli.ExitCode;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.KeyVault;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --config FILE}: where the {@code keys} and {@code sign} commands find the token. The CLI is run by the
 * token's operator, so it opens the vault with {@link KeyUsageGuard#ALLOW_ALL}; the proxy applies the real policy.
 */
public final class TokenOptions {

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "the Sealgate config whose token: section names the PKCS#11 library, label and PIN")
    Path config;

    /** The token settings of the config file. */
    TokenConfig token() throws CliException {
        try {
            return ConfigFiles.load(config).token()
                    .orElseThrow(() -> new CliException(
                    ExitCode.USAGE, config + " configures no token (expected: a token: section with library, "
                    + "label and pin)"));
        } catch (ConfigException e) {
            throw new CliException(ExitCode.USAGE, firstLine(e.getMessage()), e);
        }
    }

    /** Opens the vault; a missing token or a wrong PIN becomes a one-line error. */
    KeyVault open() throws CliException {
        TokenConfig token = token();
        try {
            return KeyVault.open(token, KeyUsageGuard.ALLOW_ALL);
        } catch (SigningException e) {
            throw failed(e);
        }
    }

    static CliException failed(SigningException e) {
        return new CliException(ExitCode.FAILURE, e.getMessage(), e);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
