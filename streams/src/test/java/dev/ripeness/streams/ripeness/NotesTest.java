package dev.ripeness.streams.ripeness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.event.EventType;
import dev.ripeness.streams.model.Contribution;
import dev.ripeness.streams.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotesTest {

    /**
     * A note is rendered once per template and the confidence written into it: the text must be
     * the one rendered with that confidence, for every kind of event, flag, component and
     * confidence (including none).
     */
    @Test
    void shouldWriteTheConfidenceIntoATemplateAsTheFullRenderingWould() {
        ModelConfig model = ModelConfig.bundled();
        List<String> components = List.of("ripeness", "mhs", "wayOut", "perceivedStalemate:SOU", "hurt:NOR",
                "momentum:east:SOU", "catastrophe", "opportunity", "demandGap");
        Double[] confidences = {null, 0.0, 0.05, 0.5, 0.73, 1.0, 0.1 + 0.2};
        int withConfidence = 0;
        for (EventType type : EventType.values()) {
            for (int flags = 0; flags < 16; flags++) {
                for (String component : components) {
                    Contribution.Cause cause = new Contribution.Cause(type.name(), 0.5, (flags & 1) != 0, (flags & 2) != 0,
                            "SOU", (flags & 4) != 0);
                    Notes.Template t = Notes.template(cause, component, (flags & 8) != 0);
                    String[] segments = Notes.segments(t, model);
                    for (Double c : confidences) {
                        assertThat(Notes.note(segments, c)).as("%s %s %s", t, component, c)
                                .isEqualTo(Notes.render(t, String.valueOf(c), model));
                    }
                    withConfidence += segments.length > 1 ? 1 : 0;
                }
            }
        }
        assertThat(withConfidence).as("templates with the confidence in their text").isPositive();
    }
}
