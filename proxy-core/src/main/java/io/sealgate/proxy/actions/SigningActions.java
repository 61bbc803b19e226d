package io.sealgate.proxy.actions;

import io.sealgate.config.ConfigException;
import io.sealgate.config.RouteAction;
import io.sealgate.config.RouteConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.SpoolDirectory;
import io.sealgate.config.UserConfig;
import io.sealgate.policy.ProcessTemplate;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.proxy.auth.Authenticator;
import io.sealgate.proxy.internal.ActionDispatcher;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's signing routes: {@code sign-upload}, {@code approve} and {@code verify-upload}. Each exchange gets its
 * own run ({@link SignUploadRun}, {@link ApproveRun}, {@link VerifyUploadRun}) that authenticates the user, spools
 * the body, calls the {@link SigningService} on the {@link SigningExecutor} and talks to the upstream; this class
 * only holds what the runs share. Holds no signing or process logic: that is the service's.
 */
public final class SigningActions implements ActionDispatcher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SigningActions.class);

    private final SigningService service;
    private final boolean ownsService;
    private final SigningExecutor executor;
    private final Authenticator authenticator;
    private final Map<String, UserConfig> users;
    private final Map<String, ProcessTemplate> templates;
    private final Path spoolDirectory;
    private final SpoolDirectory.Claim spoolClaim;
    private final long maxDocumentBytes;
    private final Duration deadline;

    private SigningActions(SigningService service, boolean ownsService, SealgateConfig config,
                           Authenticator authenticator, Map<String, ProcessTemplate> templates, Path spoolDirectory,
                           SpoolDirectory.Claim spoolClaim) {
        this.service = service;
        this.ownsService = ownsService;
        this.authenticator = authenticator;
        this.users = config.users();
        this.templates = Map.copyOf(templates);
        this.spoolDirectory = spoolDirectory;
        this.spoolClaim = spoolClaim;
        this.maxDocumentBytes = config.signing().maxDocumentSize();
        this.deadline = config.signing().deadline();
        this.executor = new SigningExecutor(config.signing().threads(), config.signing().queue());
    }

    /** Whether any route of {@code config} needs the signing service. */
    public static boolean needed(SealgateConfig config) {
        return config.routes().stream().anyMatch(r -> r.action() != RouteAction.PASS);
    }

    /**
     * Opens the signing service of {@code config} (token, log, TSA) and owns it: {@link #close} closes it.
     *
     * @throws SigningException when the token or the log cannot be opened, or the config lacks a signing section
     */
    public static SigningActions open(SealgateConfig config) throws SigningException {
        SigningService service = SigningService.open(SigningServiceSettings.from(config));
        try {
            return create(config, service, true);
        } catch (SigningException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Uses an already open {@code service}; {@code owns} says whether {@link #close} closes it.
     *
     * @throws SigningException when the config's processes are invalid (load configs with
     *                          {@code ProcessTemplates::validate}) or the spool directory cannot be prepared
     */
    public static SigningActions create(SealgateConfig config, SigningService service, boolean owns)
            throws SigningException {
        Map<String, ProcessTemplate> templates;
        try {
            templates = ProcessTemplates.from(config);
        } catch (ConfigException e) {
            throw new SigningException("processes: " + e.getMessage(), e);
        }
        String organisation = config.organisation().map(o -> o.name()).orElseThrow(() -> new SigningException(
                "organisation: missing (expected: an organisation: section, since a route signs or verifies)"));
        Path spool = config.signing().spoolDir();
        SpoolDirectory.Claim claim;
        try {
            // Held until close: a second instance on this directory would delete our files as leftovers.
            claim = SpoolDirectory.claim(spool);
        } catch (IOException e) {
            throw new SigningException("signing.spool-dir: " + spool + ": " + e.getMessage(), e);
        }
        if (claim.leftoversRemoved() > 0) {
            LOG.warn("Spool directory {}: removed {} files an earlier run left (requests a stop or crash"
                    + " interrupted)", spool, claim.leftoversRemoved());
        }
        try {
            return new SigningActions(service, owns, config, Authenticator.forSigning(config, organisation),
                    templates, spool, claim);
        } catch (SigningException | RuntimeException e) {
            releaseQuietly(claim, spool);
            throw e;
        }
    }

    private static void releaseQuietly(SpoolDirectory.Claim claim, Path spool) {
        try {
            claim.close();
        } catch (IOException e) {
            LOG.warn("Cannot release the spool directory {}: {}", spool, e.getMessage());
        }
    }

    /**
     * sign-upload and verify-upload act on requests that carry a document (PUT, POST, PATCH); any other method on
     * such a route (GET, HEAD, DELETE, ...) passes through. approve acts on whatever its route matches.
     */
    @Override
    public boolean handles(RouteConfig route, String method) {
        return route.action() == RouteAction.APPROVE
                || method.equals("PUT") || method.equals("POST") || method.equals("PATCH");
    }

    @Override
    public void start(ActionExchange exchange) {
        ActionRun run = switch (exchange.route().action()) {
            case SIGN_UPLOAD -> new SignUploadRun(this, exchange);
            case APPROVE -> new ApproveRun(this, exchange);
            case VERIFY_UPLOAD -> new VerifyUploadRun(this, exchange);
            case PASS -> throw new IllegalStateException("pass routes are relayed, not dispatched");
        };
        run.start();
    }

    @Override
    public Optional<SigningService> signingService() {
        return Optional.of(service);
    }

    @Override
    public Optional<java.util.concurrent.Executor> blockingExecutor() {
        return Optional.of(executor);
    }

    SigningService service() {
        return service;
    }

    SigningExecutor executor() {
        return executor;
    }

    /** Every identity source of the config, and its step-up rules. */
    Authenticator authenticator() {
        return authenticator;
    }

    /** The token key label of {@code userId}, a user the authenticator allowed (so one under {@code users:}). */
    String keyLabel(String userId) {
        return users.get(userId).key();
    }

    Optional<ProcessTemplate> template(Optional<String> processId) {
        return processId.map(templates::get);
    }

    Path spoolDirectory() {
        return spoolDirectory;
    }

    long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    Duration deadline() {
        return deadline;
    }

    /** Stops the executor (after the server drained its connections), then closes the service if it owns it. */
    @Override
    public void close() {
        executor.close();
        try {
            if (ownsService) {
                service.close();
            }
        } finally {
            releaseQuietly(spoolClaim, spoolDirectory);
        }
    }
}
