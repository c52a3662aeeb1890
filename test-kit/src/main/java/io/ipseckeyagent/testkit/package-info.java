/**
 * The test kit: what every adapter's tests, ours and third parties', share. The port contract tests
 * ({@code contract}: one abstract class per out port, extended by every adapter of that port) and
 * made-up key files ({@link io.ipseckeyagent.testkit.KeyFiles}). JUnit and AssertJ are compile
 * dependencies here on purpose: the contract tests are this jar's main code.
 *
 * <p>The real parts a test runs against, the kubelet Secret volume, the mock API server and the cilium-agent stand-in, live in
 * {@code stand-ins} ({@code io.ipseckeyagent.standins}), which this jar brings along. They are
 * production code apart from this kit because the simulator's demo runs on them and must not
 * depend on a test artifact; ArchUnit's {@code onlyTheTestKitUsesTestLibraries} keeps it so.
 */
package io.ipseckeyagent.testkit;
