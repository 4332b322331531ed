package dev.ripeness.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event-type vocabulary (docs/events.md §3, docs/model.md §1), declared once: the feeders accept these names,
 * the pipeline's door admits them and the model reads them. {@code docs/events.md} lists the same types with the
 * same meaning; a test keeps the two in step.
 */
public enum EventType {
    DEMAND_STATED("An actor states what it demands; carries positions with `demand` rungs."),
    POSITION_OFFERED("An actor says what it could accept; carries positions with `accept` rungs."),
    PROPOSAL("A draft, plan or memorandum put on the table; carries the positions it contains."),
    NEGOTIATION_ROUND("A round of direct or mediated talks."),
    AGREEMENT("A ceasefire, partial deal or exchange deal concluded."),
    AGREEMENT_VIOLATION("An agreed ceasefire or deal broken by the actor."),
    PRISONER_EXCHANGE("An exchange or release of prisoners."),
    OFFENSIVE_LAUNCHED("The actor starts an offensive (on `front` when known)."),
    OFFENSIVE_STALLED("The actor's offensive stops advancing."),
    OFFENSIVE_FAILED("The actor's offensive is defeated or abandoned."),
    SETTLEMENT_CAPTURED("The actor takes a named settlement (`areaKm2` optional)."),
    WITHDRAWAL("The actor withdraws from ground it held."),
    SIEGE_STARTED("The actor begins to besiege or encircle a place."),
    TERRITORY_CHANGE("Change of the area the actor controls; `areaKm2` signed (gain > 0, loss < 0) when a source gives it, else left out."),
    CONTROL_SNAPSHOT("Area the actor holds as of the date, as front-line maps publish it; `areaKm2` required, >= 0."),
    ARMED_CLASH("Fighting between the actor and `target` without a reported change of control (importers: ACLED armed clash, UCDP state-based violence)."),
    STRIKE("A strike by the actor (missile, drone, air, artillery) on `target`."),
    CASUALTIES_REPORTED("Reported casualties (`casualties`) suffered by the actor."),
    MOBILISATION("The actor mobilises forces."),
    SANCTIONS_IMPOSED("The actor imposes sanctions on `target`."),
    SANCTIONS_LIFTED("The actor lifts or eases sanctions on `target`."),
    AID_PLEDGED("The actor pledges aid to `target`."),
    AID_DELIVERED("The actor delivers aid to `target`."),
    AID_SUSPENDED("The actor suspends aid to `target`."),
    ANNEXATION("The actor declares territory annexed."),
    ESCALATION_THREAT("A nuclear doctrine change, new weapon class or explicit threat to escalate."),
    INCENTIVE_OFFERED("An economic or diplomatic reward offered for settling."),
    MEDIATOR_STANCE("A mediator's stance on the PLAN_A (0) to PLAN_B (1) axis; `intensity` required."),
    THIRD_PARTY_ENTRY("A new party enters the conflict (troops, combat role)."),
    STATEMENT("Any other dated statement worth keeping in the log."),
    TALKS_SUSPENDED("The actor walks out of, suspends or breaks off negotiations."),
    CEASEFIRE_IN_FORCE("A ceasefire or truce takes effect (its signing is an AGREEMENT)."),
    CEASEFIRE_EXPIRED("A truce lapses or is declared over without a specific violation."),
    LEADERSHIP_CHANGE("The actor's head of state, government or armed group is replaced."),
    MASS_ATROCITY("A massacre or mass killing of civilians by the actor; `target` = the victims' side."),
    ENCIRCLEMENT("The actor encircles or cuts off a sizeable force or city of `target`.");

    private final String meaning;

    EventType(String meaning) {
        this.meaning = meaning;
    }

    /** One-line meaning, as documented. */
    public String meaning() {
        return meaning;
    }

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    /** The type named exactly {@code name}, if it is in the vocabulary (empty for null). */
    public static Optional<EventType> parse(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    /** Whether {@code name} is a type of the vocabulary. */
    public static boolean known(String name) {
        return parse(name).isPresent();
    }

    /** Whether the event type named {@code name} is this one. */
    public boolean is(String name) {
        return name().equals(name);
    }
}
