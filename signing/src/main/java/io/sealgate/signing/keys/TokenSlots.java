package io.sealgate.signing.keys;

import io.sealgate.signing.SigningUnavailableException;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds a token's slot id by its label. SoftHSM gives tokens random slot ids, and SunPKCS11's configuration knows only
 * {@code slot} and {@code slotListIndex}, not a token label; so we ask the module through the JDK's own PKCS#11
 * wrapper, the same native binding SunPKCS11 uses (one {@code C_Initialize} per module per JVM, shared with it).
 *
 * <p>When the label is not found, the module is finalised and initialised again before a second look: SoftHSM, like
 * many modules, reads its token list only at {@code C_Initialize}, so a token that was removed and came back (or was
 * created by {@code softhsm2-util} meanwhile) is seen only after that. This resets every session of the module in
 * this JVM; other vaults on the same module see {@link #generation()} change and reconnect before their next call.
 *
 * <p>The wrapper package is not open to us: the JVM needs {@value #ADD_OPENS} (in sealgate.jar's manifest and in
 * surefire's argLine). Reflection keeps the build on {@code --release 17}, which forbids the flag at compile time.
 */
final class TokenSlots {

    static final String ADD_OPENS = "--add-opens jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    /** CK_C_INITIALIZE_ARGS.flags: let the module use OS locking, as SunPKCS11 itself asks. */
    private static final long CKF_OS_LOCKING_OK = 0x2L;
    /** Bumped by every re-initialisation or logout: handles obtained before it may be invalid. */
    private static final AtomicLong GENERATION = new AtomicLong();

    private TokenSlots() {
    }

    /**
     * @return the slot id of the token labelled {@code label}
     * @throws SigningUnavailableException when the module cannot be loaded or holds no such token
     */
    static synchronized long slotOf(Path library, String label) throws SigningUnavailableException {
        try {
            Class<?> pkcs11Class = Class.forName(WRAPPER + "PKCS11");
            Class<?> initArgsClass = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsClass.getConstructor().newInstance();
            initArgsClass.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
            Method getInstance = pkcs11Class.getMethod("getInstance", String.class, String.class, initArgsClass,
                    boolean.class);
            Object pkcs11 = getInstance.invoke(null, library.toString(), "C_GetFunctionList", initArgs, false);
            StringBuilder seen = new StringBuilder();
            Long slot = find(pkcs11, label, seen);
            if (slot == null) {
                pkcs11Class.getMethod("C_Finalize", Object.class).invoke(pkcs11, (Object) null);
                Method initialize = pkcs11Class.getDeclaredMethod("C_Initialize", Object.class);
                initialize.setAccessible(true);
                initialize.invoke(pkcs11, initArgs);
                GENERATION.incrementAndGet();
                seen.setLength(0);
                slot = find(pkcs11, label, seen);
            }
            if (slot == null) {
                throw new SigningUnavailableException("token '" + label + "' is not present in " + library
                        + " (CKR_TOKEN_NOT_PRESENT; tokens found: " + (seen.length() == 0 ? "none" : seen) + ")");
            }
            return slot;
        } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException | NoSuchFieldException
                 | InstantiationException | RuntimeException e) {
            throw new SigningUnavailableException("cannot look up token '" + label + "': the JVM must run with "
                    + ADD_OPENS, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new SigningUnavailableException("cannot load PKCS#11 module " + library + " for token '" + label
                    + "' (" + Pkcs11Errors.describe(cause) + ")", cause);
        }
    }

    /**
     * How many times the session state of a module changed in this JVM: a re-initialisation, or a logout (PKCS#11
     * login state is per process and token, so one vault logging out logs every vault on that token out). A
     * connection made under an older generation may hold handles that went invalid ({@code CKR_OBJECT_HANDLE_INVALID},
     * {@code CKR_USER_NOT_LOGGED_IN}) and must reconnect.
     */
    static long generation() {
        return GENERATION.get();
    }

    /** Records that a vault logged out of a token: every other connection must log in again. */
    static void loggedOut() {
        GENERATION.incrementAndGet();
    }

    private static Long find(Object pkcs11, String label, StringBuilder seen)
            throws IllegalAccessException, NoSuchMethodException, NoSuchFieldException, ClassNotFoundException,
            InvocationTargetException {
        Class<?> pkcs11Class = pkcs11.getClass();
        long[] slots = (long[]) pkcs11Class.getMethod("C_GetSlotList", boolean.class).invoke(pkcs11, true);
        Method tokenInfo = pkcs11Class.getMethod("C_GetTokenInfo", long.class);
        Field labelField = Class.forName(WRAPPER + "CK_TOKEN_INFO").getField("label");
        for (long slot : slots) {
            Object info;
            try {
                info = tokenInfo.invoke(pkcs11, slot);
            } catch (InvocationTargetException e) {
                // One token can fail alone (SoftHSM: its files were deleted); the one we want may still be fine.
                continue;
            }
            String tokenLabel = new String((char[]) labelField.get(info)).strip();
            if (tokenLabel.equals(label)) {
                return slot;
            }
            if (!tokenLabel.isEmpty()) {
                seen.append(seen.length() == 0 ? "" : ", ").append('\'').append(tokenLabel).append('\'');
            }
        }
        return null;
    }
}
