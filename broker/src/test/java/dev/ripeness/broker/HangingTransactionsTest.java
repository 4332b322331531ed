package dev.ripeness.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.broker.HangingTransactions.Coordinator;
import dev.ripeness.broker.HangingTransactions.Open;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which open transactions of a partition are hanging: those the transaction coordinator does not hold open there. */
class HangingTransactionsTest {

    private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 0);
    private static final TopicPartition OTHER = new TopicPartition("__consumer_offsets", 1);

    @Test
    void shouldCallHangingWhatTheCoordinatorHasEndedForgottenOrHoldsOpenElsewhere() {
        // Given open transactions of six producers in the offsets partition
        List<Open> open = List.of(
                new Open(OFFSETS, 1, 0, 0, 18),  // the coordinator has ended its transactional id's transaction (seen after a kill -9)
                new Open(OFFSETS, 2, 4, 1, 30),  // the coordinator knows no transactional id with this producer
                new Open(OFFSETS, 3, 2, 1, 40),  // open at the coordinator, but on another partition only
                new Open(OFFSETS, 4, 7, 1, 50),  // open at the coordinator, on this partition: live
                new Open(OFFSETS, 5, 1, 1, 60),  // being committed by the coordinator: live
                new Open(OFFSETS, 6, 3, 1, 70)); // being fenced by the coordinator, which will abort it itself
        Map<Long, Coordinator> coordinator = Map.of(
                1L, new Coordinator("pipeline", TransactionState.EMPTY, 3, List.of()),
                3L, new Coordinator("c", TransactionState.ONGOING, 2, List.of(OTHER)),
                4L, new Coordinator("d", TransactionState.ONGOING, 7, List.of(OTHER, OFFSETS)),
                5L, new Coordinator("e", TransactionState.PREPARE_COMMIT, 1, List.of(OFFSETS)),
                6L, new Coordinator("f", TransactionState.PREPARE_EPOCH_FENCE, 3, List.of(OFFSETS)));

        // When / Then
        assertThat(HangingTransactions.hanging(open, coordinator)).extracting(Open::producerId).containsExactly(1L, 2L, 3L);
    }
}
