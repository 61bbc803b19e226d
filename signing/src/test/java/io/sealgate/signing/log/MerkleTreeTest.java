package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link MerkleTree} and {@link MerkleProofs} against {@link RfcMerkleReference}, the RFC 9162 text transcribed
 * independently, for every tree size from 1 to 1000.
 */
class MerkleTreeTest {
    private static final int MAX_SIZE = 1000;
    private static final List<byte[]> data = new ArrayList<>();
    private static final MerkleTree tree = new MerkleTree();

    @BeforeAll
    static void buildTree() {
        for (int i = 0; i < MAX_SIZE; i++) {
            byte[] leaf = ("leaf " + i).getBytes(StandardCharsets.UTF_8);
            data.add(leaf);
            tree.append(MerkleTree.leafHash(leaf));
        }
    }

    @Test
    void rootHashOfEverySizeEqualsTheRfcDefinition() {
        for (int n = 0; n <= MAX_SIZE; n++) {
            assertThat(tree.rootHash(n)).as("MTH(D[%d])", n).isEqualTo(RfcMerkleReference.mth(data.subList(0, n)));
        }
    }

    @Test
    void emptyTreeHashIsTheHashOfTheEmptyString() {
        assertThat(HexFormat.of().formatHex(new MerkleTree().rootHash(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void inclusionProofsEqualTheRfcPathAndVerifyForEverySize() {
        Random random = new Random(9162);
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> d = data.subList(0, n);
            byte[] root = RfcMerkleReference.mth(d);
            for (int m : sampleIndexes(n, random)) {
                List<byte[]> expected = RfcMerkleReference.path(m, d);
                List<byte[]> actual = tree.inclusionProof(m, n);
                assertThat(actual).as("PATH(%d, D[%d])", m, n).usingElementComparator(MerkleTreeTest::compare)
                        .containsExactlyElementsOf(expected);
                assertThat(MerkleProofs.verifyInclusion(m, n, MerkleTree.leafHash(d.get(m)), actual, root))
                        .as("verify PATH(%d, D[%d])", m, n).isTrue();
            }
        }
    }

    @Test
    void consistencyProofsEqualTheRfcProofAndVerifyForRandomPairs() {
        Random random = new Random(2114);
        for (int i = 0; i < 3000; i++) {
            int n = 1 + random.nextInt(MAX_SIZE);
            int m = 1 + random.nextInt(n);
            checkConsistency(m, n);
        }
        for (int n = 1; n <= 70; n++) {
            for (int m = 1; m <= n; m++) {
                checkConsistency(m, n);
            }
        }
    }

    @Test
    void tamperedInclusionProofsFail() {
        int n = 777;
        int m = 300;
        byte[] root = tree.rootHash(n);
        byte[] leaf = tree.leafHashAt(m);
        List<byte[]> proof = tree.inclusionProof(m, n);
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> tampered = new ArrayList<>(proof);
            byte[] flipped = proof.get(i).clone();
            flipped[7] ^= 1;
            tampered.set(i, flipped);
            assertThat(MerkleProofs.verifyInclusion(m, n, leaf, tampered, root)).as("element %d flipped", i).isFalse();
        }
        assertThat(MerkleProofs.verifyInclusion(m + 1, n, leaf, proof, root)).isFalse();
        // A wrong size that changes the tree's shape (sizes with the same shape are bound by the signed head).
        assertThat(MerkleProofs.verifyInclusion(m, 512, leaf, proof, root)).isFalse();
        assertThat(MerkleProofs.verifyInclusion(m, n, tree.leafHashAt(m + 1), proof, root)).isFalse();
        assertThat(MerkleProofs.verifyInclusion(m, n, leaf, proof.subList(0, proof.size() - 1), root)).isFalse();
        assertThat(MerkleProofs.verifyInclusion(n, n, leaf, proof, root)).isFalse();
    }

    @Test
    void tamperedConsistencyProofsFail() {
        int m = 300;
        int n = 777;
        List<byte[]> proof = tree.consistencyProof(m, n);
        byte[] first = tree.rootHash(m);
        byte[] second = tree.rootHash(n);
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> tampered = new ArrayList<>(proof);
            byte[] flipped = proof.get(i).clone();
            flipped[0] ^= (byte) 0x80;
            tampered.set(i, flipped);
            assertThat(MerkleProofs.verifyConsistency(m, n, first, second, tampered)).as("element %d", i).isFalse();
        }
        assertThat(MerkleProofs.verifyConsistency(m, n, tree.rootHash(m + 1), second, proof)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(m, n, first, tree.rootHash(n - 1), proof)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(m + 1, n, first, second, proof)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(m, n, first, second, List.of())).isFalse();
        assertThat(MerkleProofs.verifyConsistency(n, n, second, second, List.of())).isTrue();
        assertThat(MerkleProofs.verifyConsistency(n, n, first, second, List.of())).isFalse();
    }

    @Test
    void proofsOutsideTheTreeAreRefusedWithTheValidRange() {
        assertThatThrownBy(() -> tree.inclusionProof(5, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("index: 5 (expected: 0-4)");
        assertThatThrownBy(() -> tree.rootHash(1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("treeSize: 1001 (expected: 0-1000)");
        assertThatThrownBy(() -> tree.consistencyProof(0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("first: 0 (expected: 1-10)");
    }

    private static void checkConsistency(int m, int n) {
        List<byte[]> expected = RfcMerkleReference.proof(m, data.subList(0, n));
        List<byte[]> actual = tree.consistencyProof(m, n);
        assertThat(actual).as("PROOF(%d, D[%d])", m, n).usingElementComparator(MerkleTreeTest::compare)
                .containsExactlyElementsOf(m == n ? List.of() : expected);
        assertThat(MerkleProofs.verifyConsistency(m, n, tree.rootHash(m), tree.rootHash(n), actual))
                .as("verify PROOF(%d, D[%d])", m, n).isTrue();
    }

    /** The first, the last, the middle and three random leaves. */
    private static TreeSet<Integer> sampleIndexes(int n, Random random) {
        TreeSet<Integer> indexes = new TreeSet<>(List.of(0, n - 1, n / 2));
        for (int i = 0; i < 3; i++) {
            indexes.add(random.nextInt(n));
        }
        return indexes;
    }

    private static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }
}
