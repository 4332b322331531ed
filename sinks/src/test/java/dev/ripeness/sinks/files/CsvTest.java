package dev.ripeness.sinks.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldQuoteAndDoubleQuotesWhenAFieldHasCommasQuotesOrLineBreaks() {
        // Given fields a naive join would break
        // When written as one CSV line
        String line = Csv.line(Arrays.asList("plain", "a,b", "say \"no\"", "two\nlines", "cr\rhere", null, 0.5, true));

        // Then only the fields that need it are quoted, inner quotes doubled, null left empty
        assertThat(line).isEqualTo("plain,\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",\"cr\rhere\",,0.5,true");
    }
}
