package dev.ripeness.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConflictUpstreamTest {

    private static final String BELLIGERENTS = "\"actors\": [{\"code\": \"A\", \"role\": \"BELLIGERENT\", \"demandDirection\": \"UP\"},"
            + " {\"code\": \"B\", \"role\": \"BELLIGERENT\", \"demandDirection\": \"DOWN\"}]";

    private static ConflictConfig parse(String upstream) {
        String json = "{\"id\": \"x\", " + BELLIGERENTS + (upstream == null ? "" : ", \"upstream\": " + upstream) + "}";
        return ConflictCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json");
    }

    @Test
    void shouldReadTheUpstreamScopeAndDefaultEveryListToEmpty() {
        ConflictConfig c = parse("{\"ucdpConflictIds\": [13243], \"countries\": [\"Ukraine\"]}");
        assertThat(c.upstream().ucdpConflictIds()).containsExactly(13243);
        assertThat(c.upstream().countries()).containsExactly("Ukraine");
        assertThat(c.upstream().gdeltActorCodes()).isEmpty();
        assertThat(parse(null).upstream().ucdpDyadIds()).isEmpty();
    }

    @Test
    void shouldNameTheFieldWhenAnUpstreamValueIsMalformed() {
        assertThatThrownBy(() -> parse("{\"gdeltActorCodes\": [\"ukr\"]}"))
                .hasMessageContaining("x.json: field `upstream.gdeltActorCodes`: GDELT actor country codes are three capital letters");
        assertThatThrownBy(() -> parse("{\"ucdpConflictIds\": [-1]}")).hasMessageContaining("field `upstream.ucdpConflictIds`");
        assertThatThrownBy(() -> parse("{\"gdeltActionCountries\": [\"UKR\"]}")).hasMessageContaining("FIPS 10-4");
        assertThatThrownBy(() -> parse("{\"acledCountry\": [\"Ukraine\"]}")).hasMessageContaining("acledCountry");
    }

    @Test
    void shouldScopeTheBundledRussiaUkraineConflict() {
        ConflictConfig ru = ConflictCatalog.bundled().find("russia-ukraine").orElseThrow();
        assertThat(ru.upstream().countries()).contains("Ukraine", "Russia");
        assertThat(ru.upstream().gdeltActorCodes()).containsExactly("UKR", "RUS");
    }
}
