package io.sealgate.signing.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The life cycle the service tests share: a fresh {@link ServiceFixture} (token, dev CA, log, settings) in a
 * temporary directory before each test, and after it the {@link #service} a test opened (if any) and the fixture
 * closed. A subclass opens the service in its own {@code @BeforeEach}, which JUnit runs after this one, or in a test.
 */
abstract class ServiceTestBase {

    @TempDir
    Path dir;

    ServiceFixture fixture;
    SigningService service;

    @BeforeEach
    void createFixture() throws Exception {
        fixture = new ServiceFixture(dir);
    }

    @AfterEach
    void closeServiceAndFixture() {
        if (service != null) {
            service.close();
        }
        fixture.close();
    }
}
