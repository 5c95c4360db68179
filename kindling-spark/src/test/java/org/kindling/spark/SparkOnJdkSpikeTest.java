package org.kindling.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/** Spike: does Spark's barrier mode run in local[2] on this JDK, and what does allGather return? */
class SparkOnJdkSpikeTest {

    static final class Gather extends AbstractFunction1<scala.collection.Iterator<Integer>, scala.collection.Iterator<String>>
            implements java.io.Serializable {
        @Override
        public scala.collection.Iterator<String> apply(scala.collection.Iterator<Integer> rows) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            int sum = 0;
            while (rows.hasNext()) sum += rows.next();
            String[] all = ctx.allGather(ctx.partitionId() + ":" + sum);
            return CollectionConverters.asScala(List.of(String.join(",", all)).iterator());
        }
    }

    @Test
    void barrierAllGatherRunsInLocalMode() {
        System.out.println("java.version=" + System.getProperty("java.version"));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("spike")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            var rdd = jsc.parallelize(List.of(1, 2, 3, 4), 2).rdd();
            Object out = rdd.barrier().mapPartitions(new Gather(), false, ClassTag$.MODULE$.apply(String.class)).collect();
            String[] results = (String[]) out;
            assertEquals(2, results.length);
            assertEquals(results[0], results[1]);
            System.out.println("allGather -> " + results[0]);
        } finally {
            spark.stop();
        }
    }
}
