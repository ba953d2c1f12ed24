package dev.escalation.testkit;

import dev.escalation.core.task.InputLimits;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Text an attacker, or an unlucky host, hands a task store: quotes and SQL, wildcards and escapes,
 * control characters, emoji and characters of every Unicode plane, bidirectional and combining marks,
 * the longest names. Every entry is a valid name (not blank, at most {@link InputLimits#MAX_NAME_LENGTH}
 * characters, no lone surrogate, no NUL), so every store must keep it exactly; the entries are
 * distinct, so each can be a task id.
 */
final class HostileText {

    private HostileText() {}

    /** Names every store must keep exactly. */
    static final List<String> NAMES = List.of(
            "O'Brien \"quoted\" `backticked`",
            "'; DROP TABLE escalation_task; --",
            "Robert'); DELETE FROM escalation_outbox WHERE ('1'='1",
            "100% _under_ [brackets] \\ back\\\\slashes",
            "${table_prefix} ? :name $1 @p0",
            "{\"json\": [1, \"two\"], \"\\u0000\": null}",
            "</script><script>alert(1)</script>",
            "tab\tnew line\ncarriage\rbell\u0007escape\u001bdelete\u007f",
            "\u0001\u0002\u001f C0 and \u0080\u009f C1 controls",
            "emoji \uD83D\uDE00 family \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 flag \uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
            "planes " + codePoints(0x10000, 0x1D11E, 0x1F600, 0x20000, 0x2FFFF, 0x30000, 0xE0041, 0xF0000, 0x10FFFF),
            "right-to-left \u202Egnp.exe\u202C \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u200F\u200E",
            "combining e\u0301 \u00E9 Z\u0335\u0321\u0327a\u0337\u0353l\u0336go",
            "zero width \uFEFF\u200B\u200C\u200D and noncharacters \uFFFE\uFFFF \uFDD0",
            "  leading and trailing spaces  ",
            "\u627F\u8A8D\u8005 \u7530\u4E2D \uD55C\uAD6D\uC5B4 \u0420\u0443\u0441\u0441\u043A\u0438\u0439",
            "\u6F22".repeat(InputLimits.MAX_NAME_LENGTH),
            "\uD83D\uDE00".repeat(InputLimits.MAX_NAME_LENGTH / 2),
            "x".repeat(InputLimits.MAX_NAME_LENGTH));

    /** A text of {@code bytes} UTF-8 bytes, mixing one-, two-, three- and four-byte characters. */
    static String ofUtf8Bytes(int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        String cycle = "a\u00E9\u6F22\uD83D\uDE00'\"\\\n"; // 1 + 2 + 3 + 4 + 1 + 1 + 1 + 1 = 14 bytes
        int written = 0;
        while (written + 14 <= bytes) {
            text.append(cycle);
            written += 14;
        }
        return text.append("z".repeat(bytes - written)).toString();
    }

    private static String codePoints(int... codePoints) {
        return IntStream.of(codePoints).mapToObj(Character::toString).reduce("", (a, b) -> a + " " + b);
    }
}
