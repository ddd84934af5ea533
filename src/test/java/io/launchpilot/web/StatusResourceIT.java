package io.launchpilot.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StatusResourceTest} against the packaged jar started as {@code serve}: sandbox, H2, single leader. */
@QuarkusIntegrationTest
class StatusResourceIT extends StatusResourceTest {
}
