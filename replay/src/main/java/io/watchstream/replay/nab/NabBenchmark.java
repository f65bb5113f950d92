package io.watchstream.replay.nab;

import io.watchstream.processor.anomaly.AnomalySettings;
import io.watchstream.processor.anomaly.ModelKind;
import io.watchstream.processor.anomaly.SeriesScorer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the anomaly model over a labelled corpus (each file through a fresh model, streaming) and scores
 * the result under the three NAB profiles. The report lists per-file numbers for the standard profile,
 * then each profile's normalised score and threshold, and ends with {@code standard: NN.N}.
 */
public final class NabBenchmark {

  private NabBenchmark() {}

  /** Results for the three profiles, in {@link CostProfile#all()} order. */
  public record Report(ModelKind model, List<NabScorer.ProfileResult> profiles) {

    public NabScorer.ProfileResult profile(CostProfile profile) {
      return profiles.stream().filter(p -> p.profile().equals(profile)).findFirst().orElseThrow();
    }

    public void print(PrintStream out) {
      NabScorer.ProfileResult standard = profile(CostProfile.STANDARD);
      out.printf(Locale.ROOT, "NAB evaluation, model %s, %d files, %d windows (per file: standard profile at threshold %.4f)%n",
          model.label(), standard.files().size(), standard.files().stream().mapToInt(NabScorer.FileResult::windows).sum(),
          standard.threshold());
      out.printf(Locale.ROOT, "%-58s %7s %3s %3s %4s %8s %8s%n", "file", "windows", "tp", "fn", "fp", "raw", "normalised");
      for (NabScorer.FileResult f : standard.files()) {
        double norm = f.normalised();
        out.printf(Locale.ROOT, "%-58s %7d %3d %3d %4d %8.3f %8s%n", f.name(), f.windows(), f.outcome().truePositives(),
            f.outcome().falseNegatives(), f.outcome().falsePositives(), f.outcome().score(),
            Double.isNaN(norm) ? "-" : String.format(Locale.ROOT, "%.1f", norm));
      }
      for (NabScorer.ProfileResult p : profiles) {
        out.printf(Locale.ROOT, "profile %-20s threshold %.4f raw %.3f null %.3f perfect %.3f -> %.1f%n", p.profile().name(),
            p.threshold(), p.rawScore(), p.nullScore(), p.perfectScore(), p.normalised());
      }
      out.printf(Locale.ROOT, "reward_low_FP_rate: %.1f%n", profile(CostProfile.REWARD_LOW_FP_RATE).normalised());
      out.printf(Locale.ROOT, "reward_low_FN_rate: %.1f%n", profile(CostProfile.REWARD_LOW_FN_RATE).normalised());
      out.printf(Locale.ROOT, "standard: %.1f%n", standard.normalised());
    }
  }

  public static Report run(List<LabelledSeries> corpus, ModelKind model, AnomalySettings settings) {
    List<double[]> scores = new ArrayList<>();
    for (LabelledSeries s : corpus) {
      scores.add(SeriesScorer.anomalyScores(s.timestamps(), s.values(), model, settings));
    }
    List<NabScorer.ProfileResult> results = new ArrayList<>();
    for (CostProfile p : CostProfile.all()) {
      results.add(NabScorer.evaluate(corpus, scores, p));
    }
    return new Report(model, List.copyOf(results));
  }
}
