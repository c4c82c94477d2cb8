package dev.codestory.gitops.objects;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's probes. Readiness runs with the real shell and grep over socket tables written like the kernel's
 * /proc/net/tcp and tcp6: ready only with an established connection to the broker's port.
 */
class WorkerProbesTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    @TempDir
    Path temp;

    static Stream<Arguments> socketTables() {
        return Stream.of(
                Arguments.of("connected to the broker (6379 is 18EB)",
                        "   1: 0A01020F:A2C4 0A6000A1:18EB 01 00000000:00000000 02:000A0C1E 00000000  1000 0 2 1\n",
                        null, true),
                Arguments.of("connected over IPv6",
                        "",
                        "   0: 00000000000000000000000001000000:A2C4 0000000000000000FFFF00000A6000A1:18EB 01 0:0\n",
                        true),
                Arguments.of("no connection at all",
                        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 1 1\n",
                        "", false),
                Arguments.of("listening on 6379 itself",
                        "   0: 00000000:18EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 1 1\n",
                        "", false),
                Arguments.of("a peer connected to our port 6379",
                        "   0: 0A01020F:18EB 0A6000A1:C350 01 00000000:00000000 00:00000000 00000000  1000 0 1 1\n",
                        "", false),
                Arguments.of("a connection to another port",
                        "   0: 0A01020F:A2C4 0A6000A1:18EC 01 00000000:00000000 00:00000000 00000000  1000 0 1 1\n",
                        "", false),
                Arguments.of("a closed connection to the broker (TIME_WAIT)",
                        "   0: 0A01020F:A2C4 0A6000A1:18EB 06 00000000:00000000 00:00000000 00000000  1000 0 1 1\n",
                        "", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("socketTables")
    void readinessMeansAnEstablishedConnectionToTheBroker(String name, String tcp, String tcp6, boolean ready)
            throws Exception {
        Path v4 = temp.resolve("tcp");
        Path v6 = temp.resolve("tcp6");
        Files.writeString(v4, HEADER + tcp, StandardCharsets.US_ASCII);
        if (tcp6 != null) {
            Files.writeString(v6, HEADER + tcp6, StandardCharsets.US_ASCII);
        }
        List<String> probe = CeleryResources.brokerConnected();
        String script = probe.get(2).replace("/proc/net/tcp6", v6.toString()).replace("/proc/net/tcp ", v4 + " ");
        ProcessBuilder shell = new ProcessBuilder(probe.get(0), probe.get(1), script);
        shell.environment().put("REDIS_PORT", "6379");
        Process process = shell.redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue() == 0).as(name + ": " + new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo(ready);
    }

    @Test
    void readinessReadsTheSocketTablesOnly() {
        assertThat(CeleryResources.brokerConnected()).containsExactly("sh", "-c",
                "grep -qs \":$(printf %04X \"$REDIS_PORT\") 01 \" /proc/net/tcp /proc/net/tcp6");
    }

    @Test
    void livenessPingsOnlyThisWorkerInTheAppTheCommandRuns() {
        assertThat(CeleryResources.ping(List.of("celery", "-A", "workers.celery_app", "worker")).get(2))
                .isEqualTo("celery -A workers.celery_app inspect ping -d celery@$HOSTNAME --timeout 30");
        assertThat(CeleryResources.ping(List.of("celery", "--app", "jobs.app", "worker", "-c", "2")).get(2))
                .startsWith("celery -A jobs.app inspect ping -d celery@$HOSTNAME");
    }
}
