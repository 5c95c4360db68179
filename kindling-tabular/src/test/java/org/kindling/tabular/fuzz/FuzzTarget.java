package org.kindling.tabular.fuzz;

import org.kindling.io.Safetensors;
import org.kindling.io.SafetensorsFormatException;
import java.nio.file.Path;
import org.kindling.Tensor;
import org.kindling.tabular.Csv;
import org.kindling.tabular.CsvException;
import org.kindling.train.Checkpoint;

/**
 * A reader of files from outside and the one exception type it documents for a bad file.
 *
 * @param name       for reports
 * @param suffix     of the input files
 * @param documented the exception a bad file must give (its message naming the file)
 * @param reader     reads a file and touches the result (toString of every tensor, to exercise the formatter)
 */
record FuzzTarget(String name, String suffix, Class<? extends RuntimeException> documented, Reader reader) {
    interface Reader {
        void read(Path file);
    }

    static final FuzzTarget SAFETENSORS = new FuzzTarget("safetensors", ".safetensors",
            SafetensorsFormatException.class, file -> Safetensors.load(file).values().forEach(Tensor::toString));

    static final FuzzTarget CHECKPOINT = new FuzzTarget("checkpoint", ".safetensors",
            SafetensorsFormatException.class, file -> Checkpoint.load(file).model().values().forEach(Tensor::toString));

    static final FuzzTarget CSV = new FuzzTarget("csv", ".csv", CsvException.class,
            file -> Csv.read(file, Csv.options()));
}
