package dev.codestory.gitops.spec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Where a spec's bytes stop being UTF-8: the line and column of the first bad byte, for a message. */
final class InvalidUtf8 {

    private InvalidUtf8() {
    }

    /** The problem at the first byte of {@code bytes} that is not UTF-8, or null when they all are. */
    static SpecProblem find(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            return null;
        }
        int offset = in.position();
        out.flip();
        int line = 1;
        int column = 1;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        StringBuilder found = new StringBuilder();
        for (int i = offset; i < Math.min(bytes.length, offset + result.length()); i++) {
            found.append(found.length() == 0 ? "" : " ").append("0x")
                    .append(HexFormat.of().withUpperCase().toHexDigits(bytes[i]));
        }
        return new SpecProblem(new SourcePosition(file, line, column), "", "not valid UTF-8 (byte " + found
                + "); save the file as UTF-8 (a spec written in Latin-1 or Windows-1252 must be converted)");
    }
}
