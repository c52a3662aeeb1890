package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenAddressTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            :9966               | ''            | 9966  | :9966
            0.0.0.0:9966        | 0.0.0.0       | 9966  | 0.0.0.0:9966
            127.0.0.1:0         | 127.0.0.1     | 0     | 127.0.0.1:0
            [::1]:9966          | ::1           | 9966  | [::1]:9966
            [::]:65535          | ::            | 65535 | [::]:65535
            [::ffff:10.0.0.1]:1 | ::ffff:10.0.0.1 | 1   | [::ffff:10.0.0.1]:1
            localhost:9966      | localhost     | 9966  | localhost:9966
            metrics.local:80    | metrics.local | 80    | metrics.local:80
            """)
    void parsesGoListenAddresses(String text, String host, int port, String rendered) {
        ListenAddress address = ListenAddress.parse(text).getOrElseThrow(message -> new AssertionError(message));
        assertThat(address.host()).isEqualTo(host);
        assertThat(address.port()).isEqualTo(port);
        assertThat(address.allInterfaces()).isEqualTo(host.isEmpty());
        assertThat(address).hasToString(rendered);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            9966             | missing port in "9966"
            localhost        | missing port
            :                | port must be a number from 0 to 65535
            :65536           | port must be a number from 0 to 65535
            :99999999999     | port must be a number from 0 to 65535
            :-1              | port must be a number from 0 to 65535
            :http            | port must be a number from 0 to 65535
            ::1:9966         | put an IPv6 address in brackets
            [::1:9966        | put an IPv6 address in brackets
            [1:2]:9966       | "1:2" is not an IPv6 address
            [:::]:9966       | ":::" is not an IPv6 address
            [example.com]:1  | "example.com" is not an IPv6 address
            256.0.0.1:9966   | "256.0.0.1" is not an IPv4 address
            1.2.3:9966       | "1.2.3" is not a host name or IP address
            -bad-:9966       | "-bad-" is not a host name or IP address
            a b:9966         | "a b" is not a host name or IP address
            """)
    void rejectsWhatCannotBeListenedOn(String text, String message) {
        assertThat(ListenAddress.parse(text).getLeft()).contains(message);
    }
}
