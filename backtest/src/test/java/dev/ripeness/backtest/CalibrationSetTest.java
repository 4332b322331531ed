package dev.ripeness.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationSetTest {

    private static final Path SOURCES = Path.of("src/main/resources/calibration");

    @Test
    void shouldLoadEveryBundledCaseThroughTheFeedersValidation() throws Exception {
        List<CalibrationCase> cases = CalibrationSet.bundled();

        try (Stream<Path> folders = Files.list(SOURCES)) {
            assertThat(cases).extracting(CalibrationCase::id).as("cases.txt lists every case folder")
                    .containsExactlyInAnyOrderElementsOf(folders.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString()).toList());
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
        assertThat(cases).allSatisfy(c -> {
            assertThat(c.events()).as(c.id()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(c.events()).as(c.id()).allSatisfy(e -> {
                assertThat(e.getSources()).isNotEmpty();
                assertThat(e.getDate()).isLessThanOrEqualTo(c.label().date().toString());
            });
            assertThat(c.rejected()).as("%s: events the validation refuses", c.id()).hasSizeLessThanOrEqualTo(1);
            assertThat(c.label().sources()).as(c.id()).isNotEmpty();
        });
    }

    @Test
    void shouldHoldOutAboutAThirdOfTheCasesOfEachOutcome() {
        List<CalibrationCase> cases = CalibrationSet.bundled();

        for (CalibrationCase.Outcome outcome : CalibrationCase.Outcome.values()) {
            List<CalibrationCase> of = cases.stream().filter(c -> c.label().outcome() == outcome).toList();
            long held = of.stream().filter(c -> c.label().set() == CalibrationCase.Set.HOLDOUT).count();
            assertThat(of).as(outcome.name()).hasSizeGreaterThanOrEqualTo(4);
            assertThat((double) held / of.size()).as("%s held out", outcome).isBetween(0.25, 0.45);
        }
    }

    @Test
    void shouldNameTheFileAndFieldWhenACaseIsMalformed(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("mozambique"));
        for (String f : List.of("conflict.json", "events.jsonl")) {
            Files.copy(SOURCES.resolve("mozambique").resolve(f), folder.resolve(f));
        }
        Files.writeString(folder.resolve("case.json"), "{\"conflict\": \"mozambique\", \"outcome\": \"SETTLED\","
                + " \"date\": \"1992-10-04\", \"windowStart\": \"1990-05-01\", \"set\": \"HOLDOUT\"}");

        assertThatThrownBy(() -> CalibrationSet.load(dir))
                .hasMessageContaining("mozambique/case.json")
                .hasMessageContaining("SETTLED");
    }
}
