package io.watchstream.replay.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An honest estimate of the NAB score on series the settings were not chosen on: the corpus is split into folds,
 * and for each fold every data-chosen setting (the model candidate and the alarm threshold) is chosen on the other
 * folds' files only, then applied to the fold's files. The held-out files' raw scores are summed and normalised
 * against the null and perfect detectors over the same files, as NAB normalises a corpus.
 * Each candidate's score streams are computed once by the caller and reused by every fold.
 */
public final class CrossValidation {

  private CrossValidation() {}

  /** How files are grouped into folds. */
  public enum Folds {
    /**
     * One fold per NAB category (the folder before the first '/'): a category's files are scored with settings
     * chosen on other kinds of series only, which is what series nobody has seen are.
     */
    CATEGORY(name -> name.contains("/") ? name.substring(0, name.indexOf('/')) : name),
    /** One fold per file: settings chosen on every other file, also of the same kind. */
    FILE(name -> name);

    private final Function<String, String> foldOf;

    Folds(Function<String, String> foldOf) {
      this.foldOf = foldOf;
    }

    public String foldOf(String fileName) {
      return foldOf.apply(fileName);
    }

    public String label() {
      return this == CATEGORY ? "leave-one-category-out" : "leave-one-file-out";
    }
  }

  /** A model setting under evaluation and its anomaly scores, {@code scores.get(i)} for file i of the corpus. */
  public record Candidate(String label, List<double[]> scores) {}

  /** One held-out file: its fold, the candidate and threshold chosen without it, and its outcome with them. */
  public record HeldOut(String fold, String candidate, double threshold, NabScorer.FileResult result) {}

  /** The cross-validated result of one profile: held-out raw score summed over every file, and its normalisation. */
  public record Result(Folds folds, CostProfile profile, double rawScore, double nullScore, double perfectScore,
                       List<HeldOut> files) {
    public double normalised() {
      return 100 * (rawScore - nullScore) / (perfectScore - nullScore);
    }
  }

  public static Result evaluate(List<LabelledSeries> corpus, List<Candidate> candidates, CostProfile profile, Folds folds) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidate to cross-validate");
    }
    // sweep every (candidate, file) once; folds only select among them
    List<List<NabScorer.ScoredFile>> swept = new ArrayList<>();
    for (Candidate c : candidates) {
      List<NabScorer.ScoredFile> files = new ArrayList<>();
      for (int i = 0; i < corpus.size(); i++) {
        files.add(NabScorer.sweep(corpus.get(i), c.scores().get(i), profile));
      }
      swept.add(files);
    }
    Map<String, List<Integer>> byFold = new LinkedHashMap<>();
    for (int i = 0; i < corpus.size(); i++) {
      byFold.computeIfAbsent(folds.foldOf(corpus.get(i).name()), k -> new ArrayList<>()).add(i);
    }
    HeldOut[] heldOut = new HeldOut[corpus.size()];
    for (var fold : byFold.entrySet()) {
      List<Integer> test = fold.getValue();
      int bestCandidate = 0;
      double bestThreshold = Double.POSITIVE_INFINITY;
      double bestTrainingScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < candidates.size(); c++) {
        List<NabScorer.ScoredFile> training = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
          if (!test.contains(i)) {
            training.add(swept.get(c).get(i));
          }
        }
        double threshold = BestThreshold.of(training, profile);
        double score = training.stream().mapToDouble(f -> NabScorer.outcomeAt(f, threshold, profile).score()).sum();
        if (score > bestTrainingScore) {
          bestTrainingScore = score;
          bestThreshold = threshold;
          bestCandidate = c;
        }
      }
      for (int i : test) {
        NabScorer.ScoredFile f = swept.get(bestCandidate).get(i);
        heldOut[i] = new HeldOut(fold.getKey(), candidates.get(bestCandidate).label(), bestThreshold,
            NabScorer.fileResult(f, bestThreshold, profile));
      }
    }
    double raw = 0;
    double nul = 0;
    double perfect = 0;
    for (HeldOut h : heldOut) {
      raw += h.result().outcome().score();
      nul += h.result().nullScore();
      perfect += h.result().perfectScore();
    }
    return new Result(folds, profile, raw, nul, perfect, List.copyOf(Arrays.asList(heldOut)));
  }
}
