package org.kindling.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import org.kindling.Generator;
import org.kindling.Tensor;

/**
 * Iterates over a data set in batches, like {@code torch.utils.data.DataLoader} with
 * {@code num_workers=0}: each {@code for} loop over the loader is one epoch.
 *
 * <pre>{@code
 * var loader = new DataLoader<>(new TensorDataset(x, y),
 *         DataLoader.options().batchSize(32).shuffle(true).generator(new Generator(0)));
 * for (Tensor[] batch : loader) { Tensor xb = batch[0], yb = batch[1]; ... }
 * }</pre>
 *
 * <p><b>Batches.</b> For a {@link TensorRowDataset} such as {@link TensorDataset} (also through
 * {@link Subset}s of one), a batch is gathered with one {@code index_select} per tensor. Other data
 * sets are read sample by sample and collated: by default {@code Tensor} samples are stacked into a
 * {@code [B, ...]} tensor and {@code Tensor[]} samples field by field (PyTorch's
 * {@code default_collate} for these types); any other sample type needs a collate function. Batch
 * tensors are new tensors, never views of the data set.
 *
 * <p><b>Streams.</b> Over an {@link IterableDataset} the loader has no sampler: batches are
 * consecutive samples in the order the data set yields them (see
 * {@link #DataLoader(IterableDataset, Options)}).
 *
 * <p><b>Shuffle order.</b> The same seed gives PyTorch 1.13's order, batch for batch, and leaves the
 * generators in the same state. Each epoch (each {@link #iterator()}) consumes the generator
 * {@code g} (the one given, else {@link Generator#defaultGenerator()}) as PyTorch's source does
 * ({@code _BaseDataLoaderIter.__init__} in {@code dataloader.py}, {@code RandomSampler.__iter__} and
 * {@code BatchSampler.__iter__} in {@code sampler.py}):
 * <ol>
 *   <li>{@link #iterator()} draws {@code _base_seed}, one {@link Generator#nextLong63()} from
 *       {@code g}; PyTorch draws it for every epoch, even without workers and without shuffling.
 *   <li>With shuffling, the first {@code next()} starts the {@code RandomSampler}. With a generator
 *       given, the permutation is {@code g.randperm(n)} itself. Without one, the sampler draws a seed
 *       ({@code nextLong63()} from the default generator) and the permutation is
 *       {@code new Generator(seed).randperm(n)}.
 *   <li>When the sampler is asked for an index past the end, PyTorch 1.13 computes one more
 *       {@code randperm(n)} from the same generator and keeps none of it (its loop for
 *       {@code num_samples > n}). With a generator given this consumes {@code g} again: while the last
 *       batch is gathered if it is partial (and not dropped), otherwise when the loop ends
 *       ({@code hasNext()} returns false). An epoch left early does not consume it.
 * </ol>
 * So a seeded generator gives each epoch a new order, and the order of epoch {@code e} depends on
 * every epoch before it. To resume training mid-run with the same orders, restore the generator's
 * {@link Generator#state()} saved after the previous epoch's loop ended, before calling
 * {@link #iterator()} again.
 *
 * @param <B> the batch type: {@code Tensor[]} for a {@link TensorDataset}
 * @see <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader">torch.utils.data.DataLoader</a>
 */
public final class DataLoader<B> implements Iterable<B> {
    private final Dataset<?> dataset;     // null for a stream
    private final IterableDataset<?> stream; // null for a map-style data set
    private final Options options;
    private final Function<List<Object>, B> collate;
    // Fast path: the TensorRowDataset under any Subsets, and the composed index map (null = identity).
    private final TensorRowDataset rows;
    private final int[] rowMap;

    /** A loader with default options (batch size 1, no shuffle) and the default collate. */
    public DataLoader(Dataset<B> dataset) {
        this(dataset, options());
    }

    /** The short form {@code DataLoader(dataset, batch_size=..., shuffle=...)}, default collate. */
    public DataLoader(Dataset<B> dataset, int batchSize, boolean shuffle) {
        this(dataset, options().batchSize(batchSize).shuffle(shuffle));
    }

    /**
     * A loader with the default collate: batches have the sample type ({@code Tensor} or
     * {@code Tensor[]}).
     *
     * @throws IllegalArgumentException if shuffling is asked for an empty data set (as PyTorch's
     *     {@code RandomSampler} refuses {@code num_samples=0})
     */
    public DataLoader(Dataset<B> dataset, Options options) {
        this(dataset, options, null, true);
    }

    /**
     * A loader that turns each list of samples into a batch with {@code collate}
     * ({@code collate_fn}); the list is in sampling order and is not reused.
     */
    public <T> DataLoader(Dataset<T> dataset, Options options, Function<? super List<T>, ? extends B> collate) {
        this(dataset, options, Objects.requireNonNull(collate, "collate"), false);
    }

    /**
     * A loader over a streaming data set, as PyTorch's over an {@code IterableDataset}: no sampler,
     * batches of {@code batchSize} consecutive samples in iteration order, the last one dropped if
     * incomplete and {@code dropLast} is set; the default collate (a {@link RowBatchStream} hands out
     * whole batches). Each epoch still draws {@code _base_seed} from the generator, as PyTorch does.
     *
     * @throws IllegalArgumentException if {@code shuffle} is set: a stream orders itself (PyTorch's error too)
     */
    @SuppressWarnings("unchecked")
    public DataLoader(IterableDataset<B> dataset, Options options) {
        this.dataset = null;
        this.stream = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options").copy();
        this.collate = samples -> (B) Collate.collate(samples);
        if (this.options.shuffle) {
            throw new IllegalArgumentException("DataLoader: a streaming (iterable) dataset cannot be shuffled by the "
                    + "loader (PyTorch: \"expected unspecified shuffle option\"); shuffle it in the dataset, e.g. by a buffer");
        }
        this.rows = null;
        this.rowMap = null;
    }

    @SuppressWarnings("unchecked")
    private DataLoader(Dataset<?> dataset, Options options, Function<?, ? extends B> collate, boolean defaultCollate) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.stream = null;
        this.options = Objects.requireNonNull(options, "options").copy();
        this.collate = defaultCollate ? samples -> (B) Collate.collate(samples) : (Function<List<Object>, B>) collate;
        if (this.options.shuffle && dataset.size() == 0) {
            throw new IllegalArgumentException("DataLoader: cannot shuffle an empty dataset (PyTorch's RandomSampler "
                    + "rejects num_samples=0)");
        }
        TensorRowDataset found = null;
        int[] map = null;
        if (defaultCollate) {
            Dataset<?> d = dataset;
            while (d instanceof Subset<?> s) {
                map = compose(s.indices(), map);
                d = s.dataset();
            }
            if (d instanceof TensorRowDataset r) {
                found = r;
            }
        }
        this.rows = found;
        this.rowMap = found == null ? null : map;
    }

    /** Returns a fresh options object holding the defaults. */
    public static Options options() {
        return new Options();
    }

    // map[i] = inner[outer'[i]] where outer is the map built so far (the outer subsets' indices).
    private static int[] compose(int[] inner, int[] outer) {
        if (outer == null) {
            return inner;
        }
        int[] out = new int[outer.length];
        for (int i = 0; i < outer.length; i++) {
            out[i] = inner[outer[i]];
        }
        return out;
    }

    /** Returns the map-style data set, or null when the loader reads a stream ({@link #iterableDataset()}). */
    public Dataset<?> dataset() {
        return dataset;
    }

    /** Returns the streaming data set, or null when the loader reads a map-style one ({@link #dataset()}). */
    public IterableDataset<?> iterableDataset() {
        return stream;
    }

    /** Returns the batch size. */
    public int batchSize() {
        return options.batchSize;
    }

    /** Returns whether each epoch is shuffled. */
    public boolean shuffle() {
        return options.shuffle;
    }

    /** Returns whether an incomplete last batch is dropped. */
    public boolean dropLast() {
        return options.dropLast;
    }

    /** Returns the generator given in the options, or null when the default generator is used. */
    public Generator generator() {
        return options.generator;
    }

    /**
     * Returns the number of batches per epoch ({@code len(loader)}):
     * {@code floor(n / batchSize)} when dropping the last batch, else {@code ceil(n / batchSize)}.
     */
    public int size() {
        if (stream != null) {
            long n = stream.size();
            if (n < 0) {
                throw new UnsupportedOperationException("DataLoader: the streaming dataset does not know its length");
            }
            long batches = options.dropLast ? n / options.batchSize : (n + options.batchSize - 1) / options.batchSize;
            return (int) Math.min(Integer.MAX_VALUE, batches);
        }
        int n = dataset.size();
        int b = options.batchSize;
        return options.dropLast ? n / b : (int) (((long) n + b - 1) / b);
    }

    /**
     * Starts an epoch: draws {@code _base_seed} from the generator now and the shuffle order at the
     * first {@code next()} (see the class comment for the exact draws).
     */
    @Override
    public Iterator<B> iterator() {
        return stream != null ? new StreamEpoch() : new Epoch();
    }

    @Override
    public String toString() {
        return "DataLoader(batchSize=" + options.batchSize + ", shuffle=" + options.shuffle + ", dropLast="
                + options.dropLast + (stream != null ? ", dataset=" + stream : ", batches=" + size() + ", dataset=" + dataset) + ")";
    }

    /** One pass over a stream: consecutive samples batched, the incomplete last batch kept or dropped. */
    private final class StreamEpoch implements Iterator<B> {
        private final Iterator<?> source;
        private final boolean batched;
        private B next;

        @SuppressWarnings("unchecked")
        StreamEpoch() {
            (options.generator != null ? options.generator : Generator.defaultGenerator()).nextLong63(); // _base_seed
            batched = stream instanceof RowBatchStream;
            source = batched ? ((RowBatchStream) stream).batches(options.batchSize) : stream.iterator();
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = fetch();
            }
            return next != null;
        }

        @Override
        public B next() {
            if (!hasNext()) {
                throw new NoSuchElementException("DataLoader: the stream has no batches left");
            }
            B batch = next;
            next = null;
            return batch;
        }

        @SuppressWarnings("unchecked")
        private B fetch() {
            if (batched) {
                if (!source.hasNext()) {
                    return null;
                }
                Tensor[] batch = (Tensor[]) source.next();
                boolean partial = batch[0].size(0) < options.batchSize;
                return partial && options.dropLast ? null : (B) batch;
            }
            List<Object> samples = new ArrayList<>(options.batchSize);
            while (samples.size() < options.batchSize && source.hasNext()) {
                samples.add(source.next());
            }
            if (samples.isEmpty() || (options.dropLast && samples.size() < options.batchSize)) {
                return null;
            }
            return collate.apply(samples);
        }
    }

    /** One pass over the data set; mirrors PyTorch's sampler so the generator draws happen at the same points. */
    private final class Epoch implements Iterator<B> {
        private final Generator generator;
        private final int n = dataset.size();
        private final int batchSize = options.batchSize;
        private int batchesLeft = size();
        private int position;
        private long[] order; // the sampler's permutation; null for sequential order
        private boolean samplerStarted;
        private boolean samplerExhausted;

        Epoch() {
            generator = options.generator != null ? options.generator : Generator.defaultGenerator();
            generator.nextLong63(); // _base_seed, drawn for every epoch
        }

        @Override
        public boolean hasNext() {
            if (batchesLeft > 0) {
                return true;
            }
            // PyTorch's for loop ends by asking the sampler for one more index.
            startSampler();
            exhaustSampler();
            return false;
        }

        @Override
        public B next() {
            if (!hasNext()) {
                throw new NoSuchElementException("DataLoader: the epoch has no batches left (" + size() + " per epoch)");
            }
            startSampler();
            int length = Math.min(batchSize, n - position);
            if (length < batchSize) {
                exhaustSampler(); // the partial last batch reads past the end of the sampler
            }
            B batch = rows != null ? gather(length) : collateSamples(length);
            position += length;
            batchesLeft--;
            return batch;
        }

        private int sampleAt(int p) {
            return order == null ? p : (int) order[p];
        }

        @SuppressWarnings("unchecked")
        private B gather(int length) {
            long[] index = new long[length];
            for (int k = 0; k < length; k++) {
                int s = sampleAt(position + k);
                index[k] = rowMap == null ? s : rowMap[s];
            }
            return (B) rows.gatherRows(Tensor.fromArray(index, length));
        }

        private B collateSamples(int length) {
            List<Object> samples = new ArrayList<>(length);
            for (int k = 0; k < length; k++) {
                samples.add(dataset.get(sampleAt(position + k)));
            }
            return collate.apply(samples);
        }

        private void startSampler() {
            if (samplerStarted) {
                return;
            }
            samplerStarted = true;
            if (!options.shuffle) {
                return;
            }
            if (options.generator != null) {
                order = options.generator.randperm(n);
            } else {
                long seed = Generator.defaultGenerator().nextLong63();
                order = new Generator(seed).randperm(n);
            }
        }

        private void exhaustSampler() {
            if (samplerExhausted) {
                return;
            }
            samplerExhausted = true;
            // The extra randperm only matters when it comes from the caller's generator; a private
            // sampler generator is discarded with the epoch.
            if (options.shuffle && options.generator != null) {
                options.generator.randperm(n);
            }
        }
    }

    /** Loader settings with PyTorch's defaults: batch size 1, no shuffle, keep the last batch, default generator. */
    public static final class Options {
        private int batchSize = 1;
        private boolean shuffle = false;
        private boolean dropLast = false;
        private Generator generator = null;

        private Options() {}

        /** Samples per batch ({@code batch_size}, default 1). */
        public Options batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("DataLoader: batchSize must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Whether each epoch visits the samples in a new random order ({@code shuffle}, default false). */
        public Options shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to drop an incomplete last batch ({@code drop_last}, default false). */
        public Options dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** The generator for shuffling and {@code _base_seed} ({@code generator}); null means the default generator. */
        public Options generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        private Options copy() {
            Options o = new Options();
            o.batchSize = batchSize;
            o.shuffle = shuffle;
            o.dropLast = dropLast;
            o.generator = generator;
            return o;
        }
    }
}
