package org.kindling.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev_pop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.kindling.Tensor;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.nn.Sequential;
import org.kindling.nn.Tanh;
import org.kindling.optim.SGD;
import org.kindling.tabular.Datasets;

/** The bundled diabetes data as a Spark table (standardized in Spark), a small network for it, and a one-process reference. */
final class Diabetes {
    static final String TARGET = "progression";

    private Diabetes() {}

    /** Writes the bundled CSV into {@code dir} and returns its path. */
    static Path csv(Path dir) {
        try {
            Path file = dir.resolve("diabetes.csv");
            Files.writeString(file, Datasets.text("diabetes"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV read by Spark, every column standardized with Spark aggregates (only two numbers per column reach the driver). */
    static Dataset<Row> table(SparkSession spark, Path csv) {
        // Every column is a number: a schema spares the job that inferSchema would run.
        String header = Datasets.text("diabetes").lines().findFirst().orElseThrow();
        String schema = String.join(", ", header.split(",")).replace(",", " DOUBLE,") + " DOUBLE";
        Dataset<Row> raw = spark.read().option("header", true).schema(schema).csv(csv.toString());
        List<Column> stats = new ArrayList<>();
        for (String c : raw.columns()) {
            stats.add(avg(col(c)));
            stats.add(stddev_pop(col(c)));
        }
        Row moments = raw.agg(stats.get(0), stats.subList(1, stats.size()).toArray(Column[]::new)).first();
        List<Column> scaled = new ArrayList<>();
        String[] names = raw.columns();
        for (int i = 0; i < names.length; i++) {
            scaled.add(col(names[i]).minus(moments.getDouble(2 * i)).divide(moments.getDouble(2 * i + 1)).as(names[i]));
        }
        return raw.select(scaled.toArray(Column[]::new));
    }

    /** 10 inputs, one hidden tanh layer, SGD with momentum: no dropout or batch statistics, as DDP equivalence needs. */
    static ReplicaFactory network() {
        return () -> {
            Sequential net = new Sequential(new Linear(10, 16), new Tanh(), new Linear(16, 1));
            return new Replica(net, new SGD(net.parameters(), SGD.options().lr(0.05).momentum(0.9)), new MSELoss());
        };
    }

    /** The table's rows as [inputs, targets] tensors, collected: for the test's one-process reference only. */
    static Tensor[] tensors(Dataset<Row> table) {
        List<Row> rows = table.collectAsList();
        int n = rows.size(), f = table.columns().length - 1;
        float[] x = new float[n * f], y = new float[n];
        for (int r = 0; r < n; r++) {
            Row row = rows.get(r);
            for (int c = 0; c < f; c++) x[r * f + c] = ((Number) row.get(c)).floatValue();
            y[r] = ((Number) row.getAs(TARGET)).floatValue();
        }
        return new Tensor[] {Tensor.fromArray(x, n, f), Tensor.fromArray(y, n, 1)};
    }
}
