package dev.switchboard.model.json;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class InstantCodecTests {

    /** 1000-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
    private static final long FIRST = -30_610_224_000L;

    private static final long LAST = 253_402_300_799L;

    @Test
    void writesWhatInstantToStringWritesAndReadsItBack() {
        SplittableRandom random = new SplittableRandom(20261121);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(FIRST, LAST + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            String text = InstantCodec.format(instant);

            assertThat(text).isEqualTo(instant.toString());
            assertThat(InstantCodec.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void handlesTheEdgesOfItsRangeAndOfTheCalendar() {
        for (String text : new String[] { "1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "2000-02-29T12:00:00.5Z", "2024-02-29T23:59:59.1234Z",
                "1969-12-31T23:59:59.999Z" }) {
            assertThat(InstantCodec.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(InstantCodec.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
        assertThat(InstantCodec.format(Instant.parse("0999-12-31T23:59:59Z"))).isEqualTo("0999-12-31T23:59:59Z");
    }

    @Test
    void leavesEveryOtherFormToTheJdk() {
        for (String text : new String[] { "2026-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T10:60:00Z", "2026-11-21T10:15:60Z",
                "2026-11-21T10:15:30", "2026-11-21T10:15:30+01:00", "2026-11-21T10:15:30.Z",
                "2026-11-21T10:15:30.1234567890Z", "2026-11-21 10:15:30Z", "2026-11-2aT10:15:30Z",
                "2026-11-21T-1:15:30Z", "0999-12-31T23:59:59Z", "" }) {
            assertThat(InstantCodec.parse(text)).as(text).isNull();
        }
    }

    @Test
    void isWhatSwitchboardsMappersUse() {
        JsonMapper json = SwitchboardJson.newMapper();
        Instant instant = Instant.parse("2026-11-21T10:15:30.123Z");

        assertThat(json.writeValueAsString(instant)).isEqualTo("\"2026-11-21T10:15:30.123Z\"");
        assertThat(json.readValue("\"2026-11-21T10:15:30.123Z\"", Instant.class)).isEqualTo(instant);
        assertThat(json.readValue("\"2026-11-21T11:15:30.123+01:00\"", Instant.class))
            .as("an offset, read by Jackson's own deserializer")
            .isEqualTo(instant);
    }

}
