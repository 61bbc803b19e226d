package io.sealgate.signing.verify;

import io.sealgate.config.ConfigException;
import io.sealgate.policy.ProcessManifest;
import io.sealgate.policy.ProcessManifestCodec;
import io.sealgate.policy.ProcessTemplate;
import io.sealgate.policy.Step;
import io.sealgate.policy.StepMeaning;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.pades.PadesLevel;
import io.sealgate.signing.pades.PadesParameters;
import io.sealgate.signing.pades.PadesSigner;
import io.sealgate.signing.testing.SoftwarePki;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Makes the documents the verifier tests start from: a one-page purchase order, signed by our own
 * {@link PadesSigner} the way the proxy does it (creator with the process manifest, then approvers, then the seal).
 * Process {@code po}: create (alice) → legal (role legal) → seal.
 */
final class SignedPdfs {

    static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");

    final SoftwarePki pki;
    final Path dir;
    final SigningKey alice;
    final SigningKey carol;
    final SigningKey mallory;
    final SigningKey seal;
    private int counter;

    SignedPdfs(SoftwarePki pki, Path dir) {
        this.pki = pki;
        this.dir = dir;
        alice = pki.person("alice", "buyer");
        carol = pki.person("carol", "legal");
        mallory = pki.person("mallory", "intern");
        seal = pki.seal();
    }

    static ProcessTemplate template() {
        try {
            return ProcessTemplate.builder("po", 1)
                    .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                    .step(Step.builder("legal", StepMeaning.REVIEW).roles("legal"))
                    .organisationSeal("seal")
                    .build();
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    static String manifest() {
        return new String(ProcessManifestCodec.encode(new ProcessManifest(template(), "po-17", "acme", CREATED)),
                StandardCharsets.UTF_8);
    }

    /** An unsigned one-page PDF with a line of text and a text field. */
    Path original() throws Exception {
        Path out = dir.resolve("original-" + (counter++) + ".pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                cs.newLineAtOffset(72, 720);
                cs.showText("Purchase order 17: 100 widgets at EUR 10.00");
                cs.endText();
            }
            doc.save(out.toFile());
        }
        return out;
    }

    /** Signs {@code in} as {@code key} performing {@code step}; the creator's step embeds the manifest. */
    Path sign(Path in, SigningKey key, String step, PadesLevel level) throws Exception {
        Path out = dir.resolve("signed-" + (counter++) + ".pdf");
        PadesParameters params = PadesParameters.builder(level)
                .signerName(key.label())
                .processStepId(step)
                .requestId("req-" + counter)
                .processManifest("create".equals(step) ? manifest() : null)
                .timestampSource(pki.timestampSource())
                .revocationSource(pki.rootAndCaCrlSource())
                .build();
        new PadesSigner().sign(in, out, params, key);
        return out;
    }

    /** create (alice) → legal (carol) → seal, all at {@code level}. */
    Path complete(PadesLevel level) throws Exception {
        Path p = sign(original(), alice, "create", level);
        p = sign(p, carol, "legal", level);
        return sign(p, seal, "seal", level);
    }

    /** Created by alice only. */
    Path created(PadesLevel level) throws Exception {
        return sign(original(), alice, "create", level);
    }

    /** A verifier trusting this PKI's root, with its CRLs for signatures that carry none. */
    Verifier verifier() {
        return Verifier.builder().trustAnchors(java.util.List.of(pki.root)).revocationSource(pki.rootAndCaCrlSource())
                .build();
    }
}
