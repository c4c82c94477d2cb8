package dev.codestory.gitops.spec;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The first byte that is not UTF-8, by line and column (in characters, as the spec's other messages count). */
class InvalidUtf8Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // bytes (hex); expected problem, or empty when the bytes are UTF-8
            "74 69 65 72 3a 0a; ",
            "c3 a9 0a 61 3a 20 c3 a9; ",
            "f0 9f 98 80 0a; ",
            "61 0a e9 0a; f.yaml:2:1: (document): not valid UTF-8 (byte 0xE9)",
            "23 20 63 61 66 e9 0a; f.yaml:1:6: (document): not valid UTF-8 (byte 0xE9)",
            "c3 a9 c3 a9 ff; f.yaml:1:3: (document): not valid UTF-8 (byte 0xFF)",
            "f0 9f 98 80 e9; f.yaml:1:2: (document): not valid UTF-8 (byte 0xE9)",
            "0a 0a 61 c3; f.yaml:3:2: (document): not valid UTF-8 (byte 0xC3)",
    })
    void findsTheFirstBadByte(String hex, String expected) {
        SpecProblem problem = InvalidUtf8.find("f.yaml", HexFormat.ofDelimiter(" ").parseHex(hex));
        if (expected == null) {
            assertThat(problem).isNull();
        } else {
            assertThat(problem.toString()).startsWith(expected).contains("save the file as UTF-8");
        }
    }
}
