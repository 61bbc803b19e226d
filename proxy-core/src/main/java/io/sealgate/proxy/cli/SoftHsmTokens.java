package io.sealgate.proxy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates SoftHSM tokens with Debian's {@code softhsm2-util}, for {@code sealgate keys init --softhsm} and the demo.
 * The tokens land in the directory named by the {@code SOFTHSM2_CONF} file of this process's environment.
 */
public final class SoftHsmTokens {

    private SoftHsmTokens() {
    }

    /**
     * Runs {@code softhsm2-util --init-token --free} unless a token labelled {@code label} exists already.
     *
     * @return whether a token was created
     */
    public static boolean ensure(String label, String pin) throws CliException {
        String slots = run(List.of("softhsm2-util", "--show-slots"));
        if (slots.lines().anyMatch(l -> l.strip().replaceAll("\\s+", " ").equals("Label: " + label))) {
            return false;
        }
        // The SO PIN only re-initialises the user PIN; a random one that nobody knows is the safe default.
        byte[] soPin = new byte[8];
        new SecureRandom().nextBytes(soPin);
        run(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--so-pin", HexFormat.of().formatHex(soPin), "--pin", pin));
        return true;
    }

    private static String run(List<String> command) throws CliException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new CliException(ExitCode.FAILURE, command.get(0) + " " + command.get(1) + " failed: "
                        + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot run " + command.get(0) + " (is softhsm2 installed?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted while running " + command.get(0), e);
        }
    }
}
