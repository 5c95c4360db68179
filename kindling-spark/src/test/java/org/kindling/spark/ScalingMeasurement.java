package org.kindling.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.nn.ReLU;
import org.kindling.nn.Sequential;
import org.kindling.optim.SGD;

/**
 * Throughput with 1 and 2 tasks (same per-task batch, so 2 tasks do twice the rows per step), alternating,
 * for the small diabetes network and a wide one (~1 MB of gradients). Not part of the build:
 * {@code mvn -pl kindling-spark -am verify -Dtest=ScalingMeasurement -Dkindling.spark.scaling=true}.
 */
@EnabledIfSystemProperty(named = "kindling.spark.scaling", matches = "true")
class ScalingMeasurement {
    @TempDir
    static Path dir;

    static ReplicaFactory wide() {
        return () -> {
            Sequential net = new Sequential(new Linear(10, 512), new ReLU(), new Linear(512, 512), new ReLU(), new Linear(512, 1));
            return new Replica(net, new SGD(net.parameters(), SGD.options().lr(0.01).momentum(0.9)), new MSELoss());
        };
    }

    @Test
    void oneAndTwoTasks() {
        SparkSession spark = SparkSessions.local("local[2]");
        try {
            Dataset<Row> table = Diabetes.table(spark, Diabetes.csv(dir)).cache();
            int rounds = Integer.getInteger("kindling.spark.rounds", 3);
            for (String model : List.of("small", "wide")) {
                ReplicaFactory factory = model.equals("small") ? Diabetes.network() : wide();
                int epochs = model.equals("small") ? 20 : 3;
                for (int round = 1; round <= rounds; round++) {
                    // Alternating, and in the other order on even rounds, so warm-up and load drift favour neither.
                    for (int tasks : round % 2 == 1 ? new int[] {1, 2} : new int[] {2, 1}) {
                        DataParallelResult r = SparkDataParallel.fit(table, factory, new DataParallelOptions()
                                .targets(List.of(Diabetes.TARGET)).batchSize(32).epochs(epochs).tasks(tasks));
                        System.out.printf("SCALING model=%s round=%d tasks=%d rows/s=%.0f compute_ms/step=%.3f "
                                        + "allreduce_ms/step=%.3f bytes/step=%.0f steps=%d%n", model, round, tasks, r.rowsPerSecond(),
                                r.computeSecondsPerStep() * 1e3, r.reduceSecondsPerStep() * 1e3, r.bytesPerStep(), r.stepsRun());
                    }
                }
            }
        } finally {
            spark.stop();
        }
    }
}
