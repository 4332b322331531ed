package dev.ripeness.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripeness.streams.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model against history: the bar issue 10 sets, on the cases never used for tuning. */
class BacktestTest {

    private static BacktestReport report;

    @BeforeAll
    static void run() {
        report = Backtest.run(ModelConfig.bundled(), CalibrationSet.bundled());
    }

    @Test
    void shouldFindMostHeldOutSettlementsWithinSixMonthsWithoutFalseAlarms() {
        BacktestReport.Score held = report.score(CalibrationCase.Set.HOLDOUT);

        assertThat(held.settlements()).isGreaterThanOrEqualTo(3);
        assertThat(held.hitRate()).as("held-out settlements at EMERGING or above within six months").isGreaterThanOrEqualTo(0.7);
        assertThat(held.falseAlarmRate()).as("held-out failures called RIPE").isLessThanOrEqualTo(0.2);
    }

    @Test
    void shouldForecastBetterThanTheBaseRateOverAllCases() {
        BacktestReport.Score all = report.score(null);

        assertThat(all.brier()).isLessThan(all.baseRateBrier());
    }

    @Test
    void shouldReportEveryCaseWithItsVerdictAndLeadInTextAndJson() throws Exception {
        assertThat(report.cases()).hasSize(CalibrationSet.bundled().size());
        assertThat(report.cases()).filteredOn(Backtest.CaseResult::found)
                .allSatisfy(c -> assertThat(c.leadDays()).isBetween(1, Backtest.LEAD_DAYS));
        assertThat(report.toText()).contains("HOLDOUT", "TUNING", "Brier");

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("cases")).hasSize(report.cases().size());
        assertThat(json.path("scores").path("HOLDOUT").path("hitRate").asDouble())
                .isEqualTo(report.score(CalibrationCase.Set.HOLDOUT).hitRate());
    }

    @Test
    void shouldCountASettlementFoundOnlyBeforeItsSigningDay() {
        // Given the signing day's own AGREEMENT is the only thing that makes a case emerge
        CalibrationCase mozambique = CalibrationSet.bundled().stream().filter(c -> c.id().equals("mozambique")).findFirst()
                .orElseThrow();
        CalibrationCase onlySigning = new CalibrationCase(mozambique.conflict(), mozambique.events().stream()
                .filter(e -> e.getDate().equals(mozambique.label().date().toString())).toList(), List.of(), mozambique.label());

        Backtest.CaseResult r = Backtest.run(ModelConfig.bundled(), List.of(onlySigning)).cases().get(0);

        assertThat(r.found()).isFalse();
        assertThat(r.leadDays()).isNull();
    }
}
