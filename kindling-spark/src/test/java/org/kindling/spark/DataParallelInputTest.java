package org.kindling.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kindling.nn.Linear;
import org.kindling.nn.MSELoss;
import org.kindling.optim.SGD;

/** Bad input fails with a message naming the column, row or count; schema problems fail before any task runs. */
class DataParallelInputTest {
    static SparkSession spark;
    static Dataset<Row> table;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("local[2]");
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.IntegerType)
                .add("name", DataTypes.StringType).add("y", DataTypes.DoubleType, true);
        table = spark.createDataFrame(List.of(RowFactory.create(1.0, 2, "x", 3.0), RowFactory.create(4.0, 5, "z", null),
                RowFactory.create(7.0, 8, "w", 9.0)), schema);
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static ReplicaFactory linear() {
        return () -> {
            Linear l = new Linear(2, 1);
            return new Replica(l, new SGD(l.parameters(), SGD.options().lr(0.1)), new MSELoss());
        };
    }

    static DataParallelOptions options() {
        return new DataParallelOptions().features(List.of("a", "b")).targets(List.of("y")).tasks(2).epochs(1).batchSize(1);
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SparkDataParallel.fit(table, linear(), options().features(List.of("a", "c"))));
        assertEquals("no column 'c' in the data (columns: [a, b, name, y])", e.getMessage());
    }

    @Test
    void aTextColumnIsNamedWithItsType() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SparkDataParallel.fit(table, linear(), options().features(List.of("a", "name"))));
        assertEquals("column 'name' is string, not numeric; cast it (or encode it) in Spark before training", e.getMessage());
    }

    @Test
    void fewerRowsThanTasksWouldLeaveAPartitionEmpty() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SparkDataParallel.fit(table.limit(1), linear(), options()));
        assertTrue(e.getMessage().contains("has 1 rows, fewer than the 2 tasks"), e.getMessage());
    }

    @Test
    void aMissingValueNamesItsRowAndColumn() {
        var e = assertThrows(SparkException.class, () -> SparkDataParallel.fit(table, linear(), options()));
        assertTrue(e.getMessage().contains("row 1, column 'y' is null"), e.getMessage());
    }
}
