package dev.ripeness.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.schema.RipenessAssessment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Two instances: the one that does not hold a conflict forwards reads to the one that does, once. */
@Execution(ExecutionMode.CONCURRENT) // each test starts its own servers, so the tests run side by side
class OwnerProxyTest {

    @Test
    void shouldForwardToTheOwnerWhenAnotherInstanceHoldsTheConflict() {
        // Given: B holds the state; A holds an older copy and is told B owns the conflict
        FakeStateQueries owner = FakeStateQueries.withTestSeries();
        List<RipenessAssessment> series = owner.assessments();
        owner.append(TestSeries.next(series.get(series.size() - 1), "2025-05-01", "ns-only-on-b", 0.66));
        FakeStateQueries other = FakeStateQueries.withTestSeries();
        try (ApiServer b = ApiServer.builder(owner, TestSeries.catalog()).port(0).start();
             ApiServer a = ApiServer.builder(other, TestSeries.catalog()).port(0).start()) {
            other.ownedElsewhere(TestSeries.CONFLICT, "localhost:" + b.port());

            // When
            Http.Answer answer = Http.get(a, "/api/conflicts/" + TestSeries.CONFLICT + "/ripeness?asOf=2025-06-01");

            // Then: B's answer, marked as served by B, query string preserved
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("lastEventId").asText()).isEqualTo("ns-only-on-b");
            assertThat(answer.header(OwnerProxy.SERVED_BY)).isEqualTo("localhost:" + b.port());
        }
    }

    @Test
    void shouldAnswerLocallyWhenTheRequestWasAlreadyForwarded() {
        // Given: both instances think the other one owns the conflict (stale metadata during a rebalance)
        FakeStateQueries stateA = FakeStateQueries.withTestSeries();
        FakeStateQueries stateB = FakeStateQueries.withTestSeries();
        try (ApiServer a = ApiServer.builder(stateA, TestSeries.catalog()).port(0).start();
             ApiServer b = ApiServer.builder(stateB, TestSeries.catalog()).port(0).start()) {
            stateA.ownedElsewhere(TestSeries.CONFLICT, "localhost:" + b.port());
            stateB.ownedElsewhere(TestSeries.CONFLICT, "localhost:" + a.port());

            // When
            Http.Answer answer = Http.get(a, "/api/conflicts/" + TestSeries.CONFLICT + "/timeline");

            // Then: one hop to B, which answers from its own state instead of bouncing back
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header(OwnerProxy.SERVED_BY)).isEqualTo("localhost:" + b.port());
            assertThat(answer.json().path("count").asInt()).isEqualTo(TestSeries.STEPS.size());
        }
    }

    @Test
    void shouldAnswer502WithRetryAfterWhenTheOwnerDoesNotAnswer() {
        // Given: an owner address nothing listens on
        FakeStateQueries state = FakeStateQueries.withTestSeries();
        int deadPort;
        try (ApiServer gone = ApiServer.builder(state, TestSeries.catalog()).port(0).start()) {
            deadPort = gone.port();
        }
        try (ApiServer a = ApiServer.builder(state, TestSeries.catalog()).port(0).start()) {
            state.ownedElsewhere(TestSeries.CONFLICT, "localhost:" + deadPort);

            // When
            Http.Answer answer = Http.get(a, "/api/conflicts/" + TestSeries.CONFLICT + "/fronts");

            // Then
            assertThat(answer.status()).isEqualTo(502);
            assertThat(answer.header("Retry-After")).isNotNull();
            assertThat(answer.json().path("error").asText()).contains("localhost:" + deadPort, "did not answer");
        }
    }
}
