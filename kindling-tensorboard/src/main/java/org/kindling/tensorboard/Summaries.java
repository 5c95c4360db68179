package org.kindling.tensorboard;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import org.kindling.tensorboard.proto.DataType;
import org.kindling.tensorboard.proto.Summary;
import org.kindling.tensorboard.proto.SummaryMetadata;
import org.kindling.tensorboard.proto.TensorProto;
import org.kindling.tensorboard.proto.TensorShapeProto;
import org.kindling.tensorboard.proto.TextPluginData;
import org.kindling.tensorboard.proto.hparams.Experiment;
import org.kindling.tensorboard.proto.hparams.HParamInfo;
import org.kindling.tensorboard.proto.hparams.HParamsPluginData;
import org.kindling.tensorboard.proto.hparams.MetricInfo;
import org.kindling.tensorboard.proto.hparams.MetricName;
import org.kindling.tensorboard.proto.hparams.SessionEndInfo;
import org.kindling.tensorboard.proto.hparams.SessionStartInfo;
import org.kindling.tensorboard.proto.hparams.Status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The Summary messages PyTorch's {@code torch.utils.tensorboard.summary} builds, one method each. */
final class Summaries {
    // The hparams plugin's names (tensorboard/plugins/hparams/metadata.py).
    static final String HPARAMS_PLUGIN = "hparams";
    static final String EXPERIMENT_TAG = "_hparams_/experiment";
    static final String SESSION_START_INFO_TAG = "_hparams_/session_start_info";
    static final String SESSION_END_INFO_TAG = "_hparams_/session_end_info";
    private static final int HPARAMS_PLUGIN_DATA_VERSION = 0;

    private Summaries() {}

    /** {@code summary.scalar}: the value as a float32 {@code simple_value}, PyTorch's default (old-style) scalar. */
    static Summary scalar(String tag, double value) {
        return Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value)).build();
    }

    /** {@code summary.histogram} with the default TensorBoard buckets. */
    static Summary histogram(String tag, double[] values) {
        return Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setHisto(Histograms.of(tag, values)))
                .build();
    }

    /** {@code summary.text}: a one-element string tensor under {@code tag + "/text_summary"}, for the text plugin. */
    static Summary text(String tag, String text) {
        SummaryMetadata metadata = SummaryMetadata.newBuilder().setPluginData(SummaryMetadata.PluginData.newBuilder()
                .setPluginName("text").setContent(TextPluginData.newBuilder().setVersion(0).build().toByteString())).build();
        TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .addStringVal(ByteString.copyFrom(text, StandardCharsets.UTF_8))
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(1)))
                .build();
        return Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag + "/text_summary")
                .setMetadata(metadata).setTensor(tensor)).build();
    }

    /**
     * {@code summary.hparams}: the experiment (which hyperparameters and metrics exist), the session start
     * (this run's values) and the session end (success), in that order, as PyTorch writes them.
     *
     * @param hparams        values: {@link Number} (written as float64), {@link String} or {@link Boolean}; null
     *                       values are left out, as PyTorch does
     * @param metrics        metric names, in order (their values are written as scalars by the caller)
     * @param domainDiscrete for some hyperparameters, every value they can take (same types as their values)
     */
    static List<Summary> hparams(Map<String, ?> hparams, Iterable<String> metrics, Map<String, ? extends List<?>> domainDiscrete) {
        for (Map.Entry<String, ? extends List<?>> e : domainDiscrete.entrySet()) {
            Object value = hparams.get(e.getKey());
            if (value == null || e.getValue() == null
                    || !e.getValue().stream().allMatch(d -> d != null && kind(d) == kind(value))) {
                throw new IllegalArgumentException("addHparams: the domain of '" + e.getKey()
                        + "' must list values of the same type as its value " + value + ", got " + e.getValue());
            }
        }
        SessionStartInfo.Builder start = SessionStartInfo.newBuilder();
        Experiment.Builder experiment = Experiment.newBuilder();
        for (Map.Entry<String, ?> e : hparams.entrySet()) {
            if (e.getValue() == null) continue;
            String name = e.getKey();
            start.putHparams(name, value(name, e.getValue()));
            HParamInfo.Builder info = HParamInfo.newBuilder().setName(name).setType(kind(e.getValue()));
            List<?> domain = domainDiscrete.get(name);
            if (domain != null) {
                ListValue.Builder values = ListValue.newBuilder();
                for (Object d : domain) values.addValues(value(name, d));
                info.setDomainDiscrete(values);
            }
            experiment.addHparamInfos(info);
        }
        for (String metric : metrics) {
            experiment.addMetricInfos(MetricInfo.newBuilder().setName(MetricName.newBuilder().setTag(metric)));
        }
        return List.of(
                pluginSummary(EXPERIMENT_TAG, HParamsPluginData.newBuilder().setExperiment(experiment)),
                pluginSummary(SESSION_START_INFO_TAG, HParamsPluginData.newBuilder().setSessionStartInfo(start)),
                pluginSummary(SESSION_END_INFO_TAG, HParamsPluginData.newBuilder()
                        .setSessionEndInfo(SessionEndInfo.newBuilder().setStatus(Status.STATUS_SUCCESS))));
    }

    private static Summary pluginSummary(String tag, HParamsPluginData.Builder content) {
        SummaryMetadata metadata = SummaryMetadata.newBuilder().setPluginData(SummaryMetadata.PluginData.newBuilder()
                .setPluginName(HPARAMS_PLUGIN)
                .setContent(content.setVersion(HPARAMS_PLUGIN_DATA_VERSION).build().toByteString())).build();
        return Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setMetadata(metadata)).build();
    }

    private static org.kindling.tensorboard.proto.hparams.DataType kind(Object value) {
        return switch (value) {
            case Number n -> org.kindling.tensorboard.proto.hparams.DataType.DATA_TYPE_FLOAT64;
            case String s -> org.kindling.tensorboard.proto.hparams.DataType.DATA_TYPE_STRING;
            case Boolean b -> org.kindling.tensorboard.proto.hparams.DataType.DATA_TYPE_BOOL;
            default -> org.kindling.tensorboard.proto.hparams.DataType.DATA_TYPE_UNSET;
        };
    }

    private static Value value(String name, Object v) {
        return switch (v) {
            case Number n -> Value.newBuilder().setNumberValue(n.doubleValue()).build();
            case String s -> Value.newBuilder().setStringValue(s).build();
            // NOTE: PyTorch tests isinstance(v, (int, float)) first, so a Python bool becomes a number 1.0/0.0;
            // a Java Boolean is written as the bool it is, as TensorBoard's own hparams API writes bools.
            case Boolean b -> Value.newBuilder().setBoolValue(b).build();
            default -> throw new IllegalArgumentException("addHparams: '" + name + "' is a "
                    + v.getClass().getSimpleName() + " (" + v + "); values must be numbers, strings or booleans");
        };
    }
}
