package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The leaf encoding docs/signature-log.md promises. The expected bytes and hashes were produced independently with
 * Python ({@code json.dumps(d, sort_keys=True, separators=(',', ':'))}, {@code hashlib.sha256(b'\x00' + ...)}).
 */
class LeafCodecTest {
    private static final String ALICE_JSON = "{\"auth\":{\"acr\":\"urn:acr:mfa\","
            + "\"authTime\":\"2026-11-21T10:00:00.000Z\","
            + "\"source\":\"oidc\",\"tokenIdSha256\":\"" + LogFixtures.TOKEN + "\"},"
            + "\"certificateSha256\":\"" + LogFixtures.CERT + "\",\"delivery\":\"DELIVERED\","
            + "\"documentName\":\"/docs/po-17.pdf\",\"documentSha256After\":\"" + LogFixtures.AFTER + "\","
            + "\"documentSha256Before\":\"" + LogFixtures.BEFORE + "\",\"keyLabel\":\"alice\","
            + "\"processStep\":\"approve\",\"processTemplate\":\"purchase-order\",\"requestId\":\"req-0001\","
            + "\"route\":\"docs\",\"signatureValueSha256\":\"" + LogFixtures.SIGNATURE + "\","
            + "\"time\":\"2026-11-21T10:15:30.123Z\",\"type\":\"signature\",\"userId\":\"alice\",\"v\":1}";
    private static final StatusChange UPSTREAM_FAILED = new StatusChange(17, DeliveryStatus.UPSTREAM_FAILED,
            Instant.parse("2026-11-21T10:15:31Z"), "req-0001", Optional.of("upstream answered 507"));

    @Test
    void signatureEntryEncodesAsSortedCompactJsonWithMillisecondTimes() {
        assertThat(new String(LeafCodec.encode(LogFixtures.alicesApproval()), StandardCharsets.UTF_8))
                .isEqualTo(ALICE_JSON);
    }

    @Test
    void leafHashIsSha256OfZeroByteAndEncoding() {
        assertThat(HexFormat.of().formatHex(MerkleTree.leafHash(LeafCodec.encode(LogFixtures.alicesApproval()))))
                .isEqualTo("82b10b4f9273a72d1d3780876c0408cbd3079ce780ff34295499b0f698aaf8fc");
    }

    @Test
    void statusChangeEncodesWithTheEntryItRefersTo() {
        byte[] encoding = LeafCodec.encode(UPSTREAM_FAILED);
        assertThat(new String(encoding, StandardCharsets.UTF_8)).isEqualTo("{\"delivery\":\"UPSTREAM_FAILED\","
                + "\"detail\":\"upstream answered 507\",\"entryIndex\":17,\"requestId\":\"req-0001\","
                + "\"time\":\"2026-11-21T10:15:31.000Z\",\"type\":\"status\",\"v\":1}");
        assertThat(HexFormat.of().formatHex(MerkleTree.leafHash(encoding)))
                .isEqualTo("46cd1bba42709adc9f6757bdc0b1f2a04ac0b818a25dfac08a7732a510aa7080");
    }

    @Test
    void voidLeafEncodesWithTheReservingRequestAndTheReason() {
        VoidLeaf voided = new VoidLeaf(Instant.parse("2026-11-21T10:16:30Z"), "req-0002",
                "the reservation expired: not filled within 60 s");
        byte[] encoding = LeafCodec.encode(voided);
        assertThat(new String(encoding, StandardCharsets.UTF_8)).isEqualTo("{\"reason\":\"the reservation expired:"
                + " not filled within 60 s\",\"requestId\":\"req-0002\",\"time\":\"2026-11-21T10:16:30.000Z\","
                + "\"type\":\"void\",\"v\":1}");
        assertThat(HexFormat.of().formatHex(MerkleTree.leafHash(encoding)))
                .isEqualTo("b0cde49c19c1896ef4989bcd3b9fbedc836b853e52d5ae2a581df42cf0b0dcd5");
        assertThat(LeafCodec.decode(encoding)).isEqualTo(voided);
    }

    @Test
    void timesAreUtcWithExactlyThreeFractionalDigits() {
        for (String time : new String[] {"2026-01-02T03:04:05.007Z", "1969-12-31T23:59:59.999Z",
                "1970-01-01T00:00:00.000Z", "9999-12-31T23:59:59.000Z"}) {
            StatusChange change = new StatusChange(0, DeliveryStatus.DELIVERED, Instant.parse(time), "r",
                    Optional.empty());
            byte[] encoding = LeafCodec.encode(change);
            assertThat(new String(encoding, StandardCharsets.UTF_8)).contains("\"time\":\"" + time + "\"");
            assertThat(LeafCodec.decode(encoding)).isEqualTo(change);
        }
    }

    @Test
    void absentOptionalFieldsAreOmitted() {
        assertThat(new String(LeafCodec.encode(LogFixtures.entry(3)), StandardCharsets.UTF_8))
                .startsWith("{\"auth\":{\"source\":\"basic\"},\"certificateSha256\":")
                .doesNotContain("process");
    }

    @Test
    void decodingReturnsTheSameLeaves() {
        assertThat(LeafCodec.decode(LeafCodec.encode(LogFixtures.alicesApproval())))
                .isEqualTo(LogFixtures.alicesApproval());
        assertThat(LeafCodec.decode(LeafCodec.encode(UPSTREAM_FAILED))).isEqualTo(UPSTREAM_FAILED);
        assertThat(LeafCodec.decode(LeafCodec.encode(LogFixtures.entry(5)))).isEqualTo(LogFixtures.entry(5));
    }

    @Test
    void controlCharactersQuotesAndNonAsciiAreEscapedTheJcsWay() {
        LogEntry entry = LogFixtures.entry(1);
        LogEntry odd = new LogEntry(entry.time(), entry.userId(), entry.authentication(), entry.keyLabel(),
                entry.certificateSha256(), "/docs/\"Angebot\"\\\tnr\u0001 Müller €.pdf", entry.documentSha256Before(),
                entry.documentSha256After(), entry.signatureValueSha256(), entry.processTemplate(),
                entry.processStep(), entry.route(), entry.requestId(), entry.delivery());
        byte[] encoding = LeafCodec.encode(odd);
        assertThat(new String(encoding, StandardCharsets.UTF_8))
                .contains("\"documentName\":\"/docs/\\\"Angebot\\\"\\\\\\tnr\\u0001 Müller €.pdf\"");
        assertThat(LeafCodec.decode(encoding)).isEqualTo(odd);
    }

    @Test
    void nonCanonicalEncodingsAreRefused() {
        String spaced = ALICE_JSON.replace("\"v\":1", "\"v\": 1");
        assertThatThrownBy(() -> LeafCodec.decode(spaced.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON at character " + spaced.indexOf(" 1") + ": expected a string, an object or a count");
        String extra = ALICE_JSON.replace("\"v\":1", "\"v\":1,\"x\":\"y\"");
        assertThatThrownBy(() -> LeafCodec.decode(extra.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not the canonical encoding (unknown fields, order or format)");
        String newer = ALICE_JSON.replace("\"v\":1", "\"v\":2");
        assertThatThrownBy(() -> LeafCodec.decode(newer.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("v: 2 (expected: 1)");
    }

    @Test
    void hashesMustBeLowercaseHex() {
        LogEntry entry = LogFixtures.entry(1);
        assertThatThrownBy(() -> new LogEntry(entry.time(), entry.userId(), entry.authentication(), entry.keyLabel(),
                "AB".repeat(32), entry.documentName(), entry.documentSha256Before(), entry.documentSha256After(),
                entry.signatureValueSha256(), entry.processTemplate(), entry.processStep(), entry.route(),
                entry.requestId(), entry.delivery()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificateSha256: \"" + "AB".repeat(32) + "\" (expected: 64 lowercase hex digits)");
    }
}
