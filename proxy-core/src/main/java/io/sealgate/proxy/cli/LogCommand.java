package io.sealgate.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sealgate.config.ConfigException;
import io.sealgate.config.SealgateConfig;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.log.InclusionProof;
import io.sealgate.signing.log.LogCorruptedException;
import io.sealgate.signing.log.LogException;
import io.sealgate.signing.log.LogVerification;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.log.SignedTreeHead;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealgate log verify} and {@code sealgate log proof ID}: check the signature log of a config (its token
 * holds the log key, its {@code log:} section says where the log is). Exit 0 when everything checks out, 1 when
 * something does not (each problem printed, naming the entry or tree head), 2 for usage errors and unreadable
 * configs. The log is opened as the proxy opens it, so a file log locked by a running proxy cannot be checked at
 * the same time.
 */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Check the signature log.",
        subcommands = {LogCommand.Verify.class, LogCommand.Proof.class})
public final class LogCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (expected: verify or proof)");
    }

    /** {@code --config FILE}, default {@code sealgate.yaml}. */
    static final class ConfigOption {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "sealgate.yaml",
                description = "the config with the token and log sections (default: ${DEFAULT-VALUE})")
        Path config;

        /** Opens the signing service of the config: the token (for the log key) and the log. */
        SigningService open() throws CliException {
            SealgateConfig loaded;
            try {
                loaded = ConfigFiles.load(config);
            } catch (ConfigException e) {
                throw new CliException(ExitCode.USAGE, firstLine(e.getMessage()), e);
            }
            if (loaded.token().isEmpty()) {
                throw new CliException(ExitCode.USAGE, config + " configures no signature log (expected: a token: "
                        + "section, whose token holds the log key, and a log: section)");
            }
            try {
                return SigningService.open(SigningServiceSettings.from(loaded));
            } catch (SigningException e) {
                // A log that does not verify cannot be opened; what is wrong with it is the answer, not a failure.
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof LogCorruptedException corrupted) {
                        throw new CliException(ExitCode.FAILURE, corrupted.getMessage(), e);
                    }
                }
                throw new CliException(ExitCode.FAILURE, "cannot open the signature log of " + config + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** {@code sealgate log verify}: recomputes the tree and checks every entry and stored tree head. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the whole tree and check every entry and signed tree head.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the log verifies", "1:a problem was found (each is printed)", "2:usage error"})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private ConfigOption options = new ConfigOption();

        @Override
        public Integer call() throws CliException {
            PrintWriter out = spec.commandLine().getOut();
            try (SigningService service = options.open()) {
                LogVerification result = service.log().verify();
                if (result.ok()) {
                    out.println("the signature log verifies: " + result.entries() + " entries, "
                            + result.treeHeads() + " signed tree heads");
                    return ExitCode.OK;
                }
                result.problems().forEach(p -> out.println(p.message()));
                out.flush();
                throw new CliException(ExitCode.FAILURE, "the signature log does not verify: "
                        + result.problems().size() + (result.problems().size() == 1 ? " problem" : " problems")
                        + " in " + result.entries() + " entries and " + result.treeHeads() + " tree heads");
            } catch (LogException e) {
                throw new CliException(ExitCode.FAILURE, e.getMessage(), e);
            }
        }
    }

    /** {@code sealgate log proof ID}: the inclusion proof of entry ID against the latest signed tree head. */
    @Command(name = "proof", mixinStandardHelpOptions = true,
            description = "Print and check the inclusion proof of an entry against the latest signed tree head.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the proof verifies", "1:it does not, or no tree head covers the entry yet",
                    "2:usage error"})
    static final class Proof implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private ConfigOption options = new ConfigOption();

        @Parameters(paramLabel = "ID", description = "the entry's index in the log (the log index a signature "
                + "records)")
        private long index;

        @Option(names = "--json", description = "print the proof as JSON (the form of GET <prefix>log/proof)")
        private boolean json;

        @Override
        public Integer call() throws Exception {
            if (index < 0) {
                throw new CliException(ExitCode.USAGE, "ID: " + index + " (expected: a non-negative integer)");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (SigningService service = options.open()) {
                SignatureLog log = service.log();
                SignedTreeHead sth = log.latestTreeHead();
                if (index >= sth.treeSize()) {
                    long stored = log.size();
                    if (stored == 0) {
                        throw new CliException(ExitCode.USAGE, "ID: " + index + " (expected: none; the log is empty)");
                    }
                    throw new CliException(index < stored ? ExitCode.FAILURE : ExitCode.USAGE, "ID: " + index
                            + (index < stored ? " is stored but no signed tree head covers it yet (latest: size "
                            + sth.treeSize() + ")" : " (expected: 0-" + (stored - 1) + ")"));
                }
                InclusionProof proof = log.inclusionProof(index, sth.treeSize());
                boolean headSigned = sth.verifySignature(log.certificate());
                boolean included = proof.verify(sth.rootHash());
                print(out, sth, proof, headSigned && included);
                if (!headSigned) {
                    throw new CliException(ExitCode.FAILURE, "the latest tree head (size " + sth.treeSize()
                            + ") is not signed by the log key");
                }
                if (!included) {
                    throw new CliException(ExitCode.FAILURE, "entry " + index + " is not in the tree of size "
                            + sth.treeSize() + ": the inclusion proof does not lead to the signed root");
                }
                return ExitCode.OK;
            } catch (LogException e) {
                throw new CliException(ExitCode.FAILURE, e.getMessage(), e);
            }
        }

        private void print(PrintWriter out, SignedTreeHead sth, InclusionProof proof, boolean verified)
                throws Exception {
            Base64.Encoder b64 = Base64.getEncoder();
            String time = Instant.ofEpochMilli(sth.timestampMillis()).toString();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("leaf_index", proof.leafIndex());
                body.put("tree_size", proof.treeSize());
                body.put("leaf_hash", b64.encodeToString(proof.leafHash()));
                body.put("root_hash", b64.encodeToString(sth.rootHash()));
                body.put("audit_path", proof.auditPath().stream().map(b64::encodeToString).toList());
                body.put("tree_head_time", time);
                body.put("verified", verified);
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
                return;
            }
            out.println("entry:      " + proof.leafIndex());
            out.println("leaf hash:  " + b64.encodeToString(proof.leafHash()));
            out.println("tree head:  size " + sth.treeSize() + ", " + time + ", root "
                    + b64.encodeToString(sth.rootHash()));
            int hashes = proof.auditPath().size();
            out.println("audit path: " + hashes + (hashes == 1 ? " hash" : " hashes"));
            for (byte[] hash : proof.auditPath()) {
                out.println("  " + b64.encodeToString(hash));
            }
            out.println(verified ? "verified: entry " + proof.leafIndex() + " is in the signed tree of size "
                    + sth.treeSize() : "NOT verified");
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
