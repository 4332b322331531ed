package dev.ripeness.streams.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every weight, window, half-life, threshold and horizon of the ripeness model, loaded from
 * a versioned JSON model file. The bundled default is
 * {@code model/ripeness-model.json}; {@code --model FILE} replaces it without code changes.
 * {@code docs/model.md} explains each parameter.
 *
 * @param version stamped on every published record as {@code modelVersion}
 */
public record ModelConfig(String version, String description, Demand demand, Fronts fronts, Hurt hurt,
                          Perception perception, WayOut wayOut, Signal catastrophe, Signal opportunity,
                          Mediator mediator, Combination ripeness, Explanations explanations) {

    /** Where the bundled default lives on the class path. */
    public static final String DEFAULT_RESOURCE = "model/ripeness-model.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Demand ladders: what counts as a setback before a raise (the ratchet). */
    public record Demand(int ratchetWindowDays, List<String> setbackTypes, List<String> opponentGainTypes) {}

    /** Front-line windows, momentum weights and stalemate thresholds. */
    public record Fronts(List<Integer> windowsDays, int momentumWindowDays, double captureWeight,
                         double offensiveWeight, double stalledWeight, double failedWeight,
                         double withdrawalWeight, double opponentGainWeight, double qualitativeScale,
                         double areaScaleKm2PerDay, double areaWeight, double tacticalStalemateMomentum,
                         double strategicHorizonYears) {}

    /** One saturating hurt term: {@code weight * (1 - exp(-x / scale))}. */
    public record Term(double weight, double scale) {}

    /** The named hurt terms. */
    public record HurtTerms(Term casualties, Term strikesSuffered, Term sanctions, Term mobilisation,
                            Term aidSuspended, Term setbacks, Term lossReports) {}

    /** Hurt per actor over a window. */
    public record Hurt(int windowDays, HurtTerms terms) {}

    /** How a belligerent perceives a stalemate: tactical momentum first, arithmetic second. */
    public record Perception(double tacticalWeight, double momentumScale) {}

    /** The way out: live channels decaying, discounted by violations (trust) and the demand gap. */
    public record WayOut(double halfLifeDays, Map<String, Double> impulses, double mediatorImpulse,
                         double saturation, double violationImpulse, double trustHalfLifeDays,
                         double trustSensitivity, double gapDiscount, double unknownGapDiscount) {}

    /** A decaying signal fed by impulses of named event types. */
    public record Signal(double halfLifeDays, Map<String, Double> impulses, double saturation) {}

    /** Mediator stance on the PLAN_A (0) to PLAN_B (1) axis. */
    public record Mediator(double reversalThreshold) {}

    /** How the components combine into ripeness, band and pathway. */
    public record Combination(double pressureWeight, double catastropheWeight, double opportunityWeight,
                              double emergingThreshold, double ripeThreshold, double stalledThreshold,
                              double hurtThreshold, double advancingMomentum, double planBStanceThreshold) {}

    /** How many drivers a published record keeps and for how long. */
    public record Explanations(int driverMemoryDays, int maxDriversPerComponent, int maxEventsExplainedPerDay) {}

    /** The bundled default model. */
    public static ModelConfig bundled() {
        try (InputStream in = ModelConfig.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + DEFAULT_RESOURCE);
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Loads a user's model file; the message names the file and what to fix. */
    public static ModelConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read model file: " + e.getMessage(), e);
        }
    }

    /** Parses and validates a model file. */
    public static ModelConfig parse(InputStream in, String where) {
        ModelConfig config;
        try {
            config = JSON.readValue(in, ModelConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not a valid model file (every parameter is required, "
                    + "see docs/model.md): " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + String.join("; ", problems));
        }
        return config;
    }

    /** The windows whose start the model must look up: the published ones, momentum and hurt. */
    public List<Integer> lookupWindows() {
        TreeMap<Integer, Boolean> all = new TreeMap<>();
        fronts.windowsDays().forEach(w -> all.put(w, true));
        all.put(fronts.momentumWindowDays(), true);
        all.put(hurt.windowDays(), true);
        return List.copyOf(all.keySet());
    }

    private List<String> problems() {
        List<String> p = new ArrayList<>();
        if (version == null || version.isBlank()) {
            p.add("field `version` must name the model version");
        }
        if (fronts.windowsDays().isEmpty() || fronts.windowsDays().stream().anyMatch(w -> w == null || w < 1)) {
            p.add("field `fronts.windowsDays` needs one or more positive day counts");
        }
        positive(p, "demand.ratchetWindowDays", demand.ratchetWindowDays());
        positive(p, "fronts.momentumWindowDays", fronts.momentumWindowDays());
        positive(p, "fronts.qualitativeScale", fronts.qualitativeScale());
        positive(p, "fronts.areaScaleKm2PerDay", fronts.areaScaleKm2PerDay());
        positive(p, "fronts.strategicHorizonYears", fronts.strategicHorizonYears());
        unit(p, "fronts.areaWeight", fronts.areaWeight());
        positive(p, "hurt.windowDays", hurt.windowDays());
        for (Map.Entry<String, Term> t : Map.of("casualties", hurt.terms().casualties(),
                "strikesSuffered", hurt.terms().strikesSuffered(), "sanctions", hurt.terms().sanctions(),
                "mobilisation", hurt.terms().mobilisation(), "aidSuspended", hurt.terms().aidSuspended(),
                "setbacks", hurt.terms().setbacks(), "lossReports", hurt.terms().lossReports()).entrySet()) {
            positive(p, "hurt.terms." + t.getKey() + ".scale", t.getValue().scale());
            unit(p, "hurt.terms." + t.getKey() + ".weight", t.getValue().weight());
        }
        unit(p, "perception.tacticalWeight", perception.tacticalWeight());
        positive(p, "perception.momentumScale", perception.momentumScale());
        positive(p, "wayOut.halfLifeDays", wayOut.halfLifeDays());
        positive(p, "wayOut.saturation", wayOut.saturation());
        positive(p, "wayOut.trustHalfLifeDays", wayOut.trustHalfLifeDays());
        unit(p, "wayOut.gapDiscount", wayOut.gapDiscount());
        unit(p, "wayOut.unknownGapDiscount", wayOut.unknownGapDiscount());
        positive(p, "catastrophe.halfLifeDays", catastrophe.halfLifeDays());
        positive(p, "catastrophe.saturation", catastrophe.saturation());
        positive(p, "opportunity.halfLifeDays", opportunity.halfLifeDays());
        positive(p, "opportunity.saturation", opportunity.saturation());
        unit(p, "ripeness.pressureWeight", ripeness.pressureWeight());
        unit(p, "ripeness.catastropheWeight", ripeness.catastropheWeight());
        unit(p, "ripeness.opportunityWeight", ripeness.opportunityWeight());
        if (!(ripeness.emergingThreshold() < ripeness.ripeThreshold())) {
            p.add("fields `ripeness.emergingThreshold` < `ripeness.ripeThreshold` required");
        }
        positive(p, "explanations.maxDriversPerComponent", explanations.maxDriversPerComponent());
        positive(p, "explanations.driverMemoryDays", explanations.driverMemoryDays());
        positive(p, "explanations.maxEventsExplainedPerDay", explanations.maxEventsExplainedPerDay());
        return p;
    }

    private static void positive(List<String> p, String field, double v) {
        if (!(v > 0)) {
            p.add("field `" + field + "` must be > 0 (was " + v + ")");
        }
    }

    private static void unit(List<String> p, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            p.add("field `" + field + "` must be within 0..1 (was " + v + ")");
        }
    }
}
