package org.kindling.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for the tests: loopback only, no web UI, few shuffle partitions. */
final class SparkSessions {
    private SparkSessions() {}

    static SparkSession local(String master) {
        return SparkSession.builder().master(master).appName("kindling-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
