package io.launchpilot.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link QueuesResourceTest} against the packaged jar started as {@code serve} on its embedded sandbox. */
@QuarkusIntegrationTest
class QueuesResourceIT extends QueuesResourceTest {
}
