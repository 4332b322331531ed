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
                          Mediator mediator, Combination ripeness, Uncertainty uncertainty,
                          Explanations explanations) {

    /** Where the bundled default lives on the class path. */
    public static final String DEFAULT_RESOURCE = "model/ripeness-model.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Demand ladders: what counts as a setback before a raise (the ratchet). */
    public record Demand(int ratchetWindowDays, List<String> setbackTypes, List<String> opponentGainTypes) {}

    /**
     * Battlefield evidence. Each battlefield event is evidence about the acting side's
     * momentum: a score in -1..1 ({@code scores}, by type) weighted by its confidence, and, for
     * types in {@code lossShares}, evidence against the side that lost the ground. Evidence
     * decays with {@code halfLifeDays}; momentum is the evidence-weighted mean score shrunk
     * towards 0 by {@code priorEvidence}, so that one event moves it by at most
     * {@code 1 / (1 + priorEvidence)}.
     */
    public record Fronts(List<Integer> windowsDays, double halfLifeDays, double priorEvidence,
                         Map<String, Double> scores, Map<String, Double> lossShares, double areaScaleKm2,
                         double tacticalStalemateMomentum, double strategicHorizonYears) {}

    /** One saturating hurt term: {@code weight * (1 - exp(-x / scale))}. */
    public record Term(double weight, double scale) {}

    /** Hurt per actor: decaying evidence per named term, combined as a noisy-OR. */
    public record Hurt(double halfLifeDays, Map<String, Term> terms) {}

    /**
     * How a belligerent perceives a stalemate: the tactical reading is a logistic of its
     * momentum ({@code 1 / (1 + exp(momentum / momentumTemperature))}: 0.5 when nothing
     * moves); the strategic arithmetic (time to goal) weighs {@code 1 - tacticalWeight} where an
     * aim and the area held are known, and nothing otherwise.
     */
    public record Perception(double tacticalWeight, double momentumTemperature) {}

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

    /**
     * The ripeness interval: the least and greatest ripeness when the model's scales
     * ({@code fronts.priorEvidence}, {@code perception.momentumTemperature}, every hurt term's
     * scale, {@code wayOut.saturation}, {@code wayOut.gapDiscount}, {@code catastrophe.saturation},
     * {@code opportunity.saturation}) are each multiplied by {@code 1 - perturbation} or
     * {@code 1 + perturbation}, in a fixed set of combinations.
     */
    public record Uncertainty(double perturbation) {}

    /** How many drivers a published record keeps and for how long. */
    public record Explanations(int driverMemoryDays, int maxDriversPerComponent) {}

    /** The hurt terms every model file must name (docs/model.md says which events feed each). */
    public static final List<String> HURT_TERMS = List.of("casualties", "lossReports", "strikesSuffered", "underAttack",
            "groundLost", "setbacks", "attrition", "sanctions", "mobilisation", "aidSuspended", "atrocities");

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

    /** The windows whose start the published front indicators look up. */
    public List<Integer> lookupWindows() {
        return List.copyOf(new java.util.TreeSet<>(fronts.windowsDays()));
    }

    /** The same model with its scales multiplied by {@code factor} (the uncertainty interval's corners). */
    public ModelConfig scaled(double evidence, double temperature, double hurtScale, double wayOutScale,
                              double gapScale, double signalScale) {
        Map<String, Term> terms = new TreeMap<>();
        hurt.terms().forEach((k, t) -> terms.put(k, new Term(t.weight(), t.scale() * hurtScale)));
        return new ModelConfig(version, description, demand,
                new Fronts(fronts.windowsDays(), fronts.halfLifeDays(), fronts.priorEvidence() * evidence, fronts.scores(),
                        fronts.lossShares(), fronts.areaScaleKm2(), fronts.tacticalStalemateMomentum(),
                        fronts.strategicHorizonYears()),
                new Hurt(hurt.halfLifeDays(), terms),
                new Perception(perception.tacticalWeight(), perception.momentumTemperature() * temperature),
                new WayOut(wayOut.halfLifeDays(), wayOut.impulses(), wayOut.mediatorImpulse(), wayOut.saturation() * wayOutScale,
                        wayOut.violationImpulse(), wayOut.trustHalfLifeDays(), wayOut.trustSensitivity(),
                        Math.min(1, wayOut.gapDiscount() * gapScale), Math.min(1, wayOut.unknownGapDiscount() * gapScale)),
                new Signal(catastrophe.halfLifeDays(), catastrophe.impulses(), catastrophe.saturation() * signalScale),
                new Signal(opportunity.halfLifeDays(), opportunity.impulses(), opportunity.saturation() * signalScale),
                mediator, ripeness, uncertainty, explanations);
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
        positive(p, "fronts.halfLifeDays", fronts.halfLifeDays());
        positive(p, "fronts.priorEvidence", fronts.priorEvidence());
        positive(p, "fronts.areaScaleKm2", fronts.areaScaleKm2());
        positive(p, "fronts.strategicHorizonYears", fronts.strategicHorizonYears());
        fronts.scores().forEach((k, v) -> {
            if (!(v >= -1 && v <= 1)) {
                p.add("field `fronts.scores." + k + "` must be within -1..1 (was " + v + ")");
            }
        });
        fronts.lossShares().forEach((k, v) -> unit(p, "fronts.lossShares." + k, v));
        positive(p, "hurt.halfLifeDays", hurt.halfLifeDays());
        for (String name : HURT_TERMS) {
            Term t = hurt.terms().get(name);
            if (t == null) {
                p.add("field `hurt.terms." + name + "` is missing (weight and scale; weight 0 turns it off)");
                continue;
            }
            positive(p, "hurt.terms." + name + ".scale", t.scale());
            unit(p, "hurt.terms." + name + ".weight", t.weight());
        }
        hurt.terms().keySet().stream().filter(k -> !HURT_TERMS.contains(k))
                .forEach(k -> p.add("field `hurt.terms." + k + "` is not a hurt term; known: " + HURT_TERMS));
        unit(p, "perception.tacticalWeight", perception.tacticalWeight());
        positive(p, "perception.momentumTemperature", perception.momentumTemperature());
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
        if (!(uncertainty.perturbation() >= 0 && uncertainty.perturbation() < 1)) {
            p.add("field `uncertainty.perturbation` must be within 0..1 (exclusive of 1)");
        }
        positive(p, "explanations.maxDriversPerComponent", explanations.maxDriversPerComponent());
        positive(p, "explanations.driverMemoryDays", explanations.driverMemoryDays());
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
