package io.sealgate.proxy.internal.reserved;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.sealgate.config.SealgateConfig;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Sealgate's own endpoints share across connections: the verify page, the verify API and the log API, the
 * blocking executor they run on, and the verifier.
 *
 * <p>With a signing service (a server with signing routes), the endpoints use its verifier (trust: the config's
 * {@code signing.trust} files and the token's dev CA root), its signature log and its bounded executor. Without one,
 * the verifier trusts the {@code signing.trust} files plus, when a token is configured, its dev CA root (read once);
 * with neither it still verifies and reports every chain as untrusted; it never fetches revocation data (offline),
 * so an uploaded certificate cannot make Sealgate call its URLs. The fallback executor is bounded like the signing
 * executor ({@code signing.threads}, {@code signing.queue}) and its idle threads end. Thread-safe.
 */
public final class ReservedServices {

    private static final Logger LOG = LoggerFactory.getLogger(ReservedServices.class);

    private final SealgateConfig config;
    private final Supplier<Optional<SigningService>> service;
    private final Supplier<Optional<Executor>> sharedExecutor;
    private final VerifyPage page;
    private final VerifyApi verifyApi;
    private final LogApi logApi;
    private volatile ThreadPoolExecutor ownExecutor;
    private volatile Verifier offlineVerifier;

    /**
     * @param service         the signing service once the server has one (installed after construction)
     * @param sharedExecutor  the signing executor to share, when the server has one
     */
    public ReservedServices(SealgateConfig config, Supplier<Optional<SigningService>> service,
                            Supplier<Optional<Executor>> sharedExecutor) {
        this.config = config;
        this.service = service;
        this.sharedExecutor = sharedExecutor;
        this.page = VerifyPage.load();
        Executor executor = task -> executor().execute(task);
        this.verifyApi = new VerifyApi(this::verifier, executor, config.signing().spoolDir(),
                config.signing().maxDocumentSize());
        // The log is opened with the signing service, which a server opens only for its signing routes.
        this.logApi = new LogApi(() -> service.get().map(SigningService::log), executor, config.token().isEmpty()
                ? "no signature log configured (expected: a 'token' and a 'log' section in the config)"
                : "no signature log open: the log is opened with the signing service, for a sign-upload, approve or "
                        + "verify-upload route, and this server has none");
    }

    VerifyPage page() {
        return page;
    }

    VerifyApi verifyApi() {
        return verifyApi;
    }

    LogApi logApi() {
        return logApi;
    }

    private Executor executor() {
        Optional<Executor> shared = sharedExecutor.get();
        if (shared.isPresent()) {
            return shared.get();
        }
        ThreadPoolExecutor own = ownExecutor;
        if (own == null) {
            synchronized (this) {
                own = ownExecutor;
                if (own == null) {
                    own = new ThreadPoolExecutor(config.signing().threads(), config.signing().threads(), 30,
                            TimeUnit.SECONDS, new ArrayBlockingQueue<>(config.signing().queue()),
                            new DefaultThreadFactory("sealgate-reserved", true), new ThreadPoolExecutor.AbortPolicy());
                    own.allowCoreThreadTimeOut(true);
                    ownExecutor = own;
                }
            }
        }
        return own;
    }

    /** Blocking on first use (reads the trust files, maybe the token); called on the executor. */
    private Verifier verifier() {
        Optional<SigningService> s = service.get();
        if (s.isPresent()) {
            return s.get().verifier();
        }
        Verifier v = offlineVerifier;
        if (v == null) {
            synchronized (this) {
                v = offlineVerifier;
                if (v == null) {
                    v = Verifier.builder().trustAnchors(trustAnchors())
                            .maxDocumentBytes(config.signing().maxDocumentSize()).build();
                    offlineVerifier = v;
                }
            }
        }
        return v;
    }

    private List<X509Certificate> trustAnchors() {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : config.signing().trust()) {
            try {
                anchors.addAll(Certificates.parseCertificates(Files.readAllBytes(file)));
            } catch (IOException | SigningException e) {
                throw new IllegalStateException("signing.trust: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (config.token().isPresent()) {
            try (KeyVault vault = KeyVault.open(config.token().get(), KeyUsageGuard.ALLOW_ALL)) {
                if (vault.info(DevCa.LABEL).isPresent()) {
                    anchors.add(DevCa.open(vault).root());
                }
            } catch (SigningException e) {
                // Verification still works; signatures by the dev CA then show as untrusted, which is the truth.
                LOG.warn("Verify API: cannot read the dev CA root from token '{}': {}",
                        config.token().get().label(), e.getMessage());
            }
        }
        return anchors;
    }
}
