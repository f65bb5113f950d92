package io.watchstream.replay.nab;

import io.watchstream.processor.anomaly.AnomalySettings;
import io.watchstream.processor.anomaly.ModelKind;
import io.watchstream.processor.anomaly.SeriesScorer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Runs the anomaly model over a labelled corpus (each file through a fresh model, streaming) and scores
 * the result under the three NAB profiles, in sample (one threshold chosen on the whole corpus) and cross-validated
 * ({@link CrossValidation}: the threshold chosen without the scored files; each file is scored once and its score
 * stream reused by every fold). The report lists per-file numbers for the standard profile, each profile's
 * in-sample score and threshold, the cross-validated scores, and ends with the in-sample {@code standard: NN.N}.
 */
public final class NabBenchmark {

  private NabBenchmark() {}

  /**
   * In-sample results for the three profiles, in {@link CostProfile#all()} order (the threshold chosen on the whole
   * corpus), and cross-validated ones for each {@link CrossValidation.Folds}, three profiles each.
   */
  public record Report(ModelKind model, List<NabScorer.ProfileResult> profiles, List<CrossValidation.Result> crossValidated) {

    public CrossValidation.Result crossValidated(CrossValidation.Folds folds, CostProfile profile) {
      return crossValidated.stream().filter(r -> r.folds() == folds && r.profile().equals(profile)).findFirst().orElseThrow();
    }

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
      printCrossValidated(out);
      out.printf(Locale.ROOT, "reward_low_FP_rate: %.1f%n", profile(CostProfile.REWARD_LOW_FP_RATE).normalised());
      out.printf(Locale.ROOT, "reward_low_FN_rate: %.1f%n", profile(CostProfile.REWARD_LOW_FN_RATE).normalised());
      out.printf(Locale.ROOT, "standard: %.1f%n", standard.normalised());
    }

    private void printCrossValidated(PrintStream out) {
      for (CrossValidation.Folds folds : CrossValidation.Folds.values()) {
        CrossValidation.Result standard = crossValidated(folds, CostProfile.STANDARD);
        if (folds == CrossValidation.Folds.CATEGORY) {
          // per fold: the threshold chosen on the other folds, and what it gave on this one
          Map<String, List<CrossValidation.HeldOut>> byFold = new LinkedHashMap<>();
          standard.files().forEach(h -> byFold.computeIfAbsent(h.fold(), k -> new ArrayList<>()).add(h));
          for (var e : byFold.entrySet()) {
            double raw = e.getValue().stream().mapToDouble(h -> h.result().outcome().score()).sum();
            double nul = e.getValue().stream().mapToDouble(h -> h.result().nullScore()).sum();
            double perfect = e.getValue().stream().mapToDouble(h -> h.result().perfectScore()).sum();
            out.printf(Locale.ROOT, "held out %-22s %2d files, standard threshold chosen on the others %.4f raw %.3f -> %s%n",
                e.getKey(), e.getValue().size(), e.getValue().get(0).threshold(), raw,
                perfect == nul ? "-" : String.format(Locale.ROOT, "%.1f", 100 * (raw - nul) / (perfect - nul)));
          }
        }
        for (CostProfile p : CostProfile.all()) {
          CrossValidation.Result r = crossValidated(folds, p);
          out.printf(Locale.ROOT, "cross-validated %s %s: %.1f%n", folds.label(), p.name(), r.normalised());
        }
      }
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
    List<CrossValidation.Candidate> candidates = List.of(new CrossValidation.Candidate(model.label(), scores));
    List<CrossValidation.Result> crossValidated = new ArrayList<>();
    for (CrossValidation.Folds folds : CrossValidation.Folds.values()) {
      for (CostProfile p : CostProfile.all()) {
        crossValidated.add(CrossValidation.evaluate(corpus, candidates, p, folds));
      }
    }
    return new Report(model, List.copyOf(results), List.copyOf(crossValidated));
  }
}
