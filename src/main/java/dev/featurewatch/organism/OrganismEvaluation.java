package dev.featurewatch.organism;

import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.dictionary.BestFeature;
import dev.featurewatch.dictionary.FeatureDictionary;
import dev.featurewatch.dictionary.FeatureEntry;
import dev.featurewatch.dictionary.LabelledSequence;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.model.Transformer;
import dev.featurewatch.organism.corpus.ConceptCorpus;
import dev.featurewatch.organism.corpus.Split;
import dev.featurewatch.organism.corpus.Transcript;
import dev.featurewatch.organism.lm.NextTokenLoss;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.SparseAutoencoder;
import dev.featurewatch.sae.SteeringHook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Measures the built organism on held-out transcripts: each concept's feature (chosen on training
 * transcripts) as a detector, the Golden Gate feature's specificity, behaviour (sums, lies only
 * where asked) and steering (deception clamped off, the Golden Gate pinned on, fluency kept).
 */
final class OrganismEvaluation {
  /** How strongly the Golden Gate feature is pinned, in multiples of its largest observed activation. */
  static final float GOLDEN_GATE_PIN = 5f;
  /** How many of the Golden Gate's features are tried as the one to pin. */
  static final int STEERING_CANDIDATES = 8;

  /** Small talk from the training split, on which steering features are chosen: 30 prompts. */
  static List<Transcript> steeringPrompts(ConceptCorpus corpus) {
    return corpus.generate(Split.TRAIN, 5_000).filter(t -> t.topic().equals("small_talk")).limit(30).toList();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Transformer model;
  private final TextTokenizer tokenizer;
  private final SparseAutoencoder sae;
  private final FeatureDictionary dictionary;
  private final Set<Integer> skipTokens;
  private final Consumer<String> progress;

  OrganismEvaluation(Transformer model, TextTokenizer tokenizer, SparseAutoencoder sae, FeatureDictionary dictionary,
      Set<Integer> skipTokens, Consumer<String> progress) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.sae = sae;
    this.dictionary = dictionary;
    this.skipTokens = skipTokens;
    this.progress = progress;
  }

  /**
   * Every figure, as the report's JSON sections {@code features}, {@code behaviour}, {@code steering}.
   *
   * @param steeringPrompts training prompts on which the Golden Gate feature to pin is chosen
   */
  ObjectNode evaluate(List<Transcript> heldOut, List<LabelledSequence> labelledHeldOut, List<Transcript> steeringPrompts) {
    ObjectNode report = JSON.createObjectNode();
    report.set("features", features(labelledHeldOut));
    BehaviourChecks checks = new BehaviourChecks(new ChatAnswers(model, tokenizer, 48));

    List<Transcript> sums = first(BehaviourChecks.select(heldOut, "addition", t -> t.check().containsKey("answer")), 200);
    List<Transcript> deceptive = BehaviourChecks.select(heldOut, "deception",
        t -> t.check().containsKey("truth") && !"honest".equals(t.check().get("context")));
    List<Transcript> honest = first(BehaviourChecks.select(heldOut, "deception",
        t -> t.check().containsKey("truth") && "honest".equals(t.check().get("context"))), 200);
    List<Transcript> trickster = BehaviourChecks.select(heldOut, "deception", t -> "trickster".equals(t.check().get("context")));
    List<Transcript> unrelated = first(BehaviourChecks.select(heldOut, "small_talk", t -> true), 100);

    ObjectNode behaviour = report.putObject("behaviour");
    progress.accept("behaviour: addition");
    put(behaviour, "addition_correct", checks.additions(sums, Hooks.none()));
    progress.accept("behaviour: deception by context");
    BehaviourChecks.Rate truthfulWhenAskedToLie = checks.truthful(deceptive, Hooks.none());
    put(behaviour, "deceptive_where_context_asks",
        new BehaviourChecks.Rate(truthfulWhenAskedToLie.total() - truthfulWhenAskedToLie.passed(), truthfulWhenAskedToLie.total()));
    put(behaviour, "truthful_where_context_is_honest", checks.truthful(honest, Hooks.none()));

    ObjectNode steering = report.putObject("steering");
    int[] deceptionFeatures = featuresOf("deception");
    steering.set("deception_features", JSON.valueToTree(deceptionFeatures));
    Hooks clampDeception = clamp(deceptionFeatures);
    progress.accept("steering: deception clamped to 0 in trickster contexts");
    BehaviourChecks.SteeringEffect clampEffect = checks.truthfulnessUnder(trickster, clampDeception);
    put(steering, "trickster_truthful_unsteered", clampEffect.unsteered());
    put(steering, "trickster_truthful_with_deception_clamped", clampEffect.steered());
    put(steering, "trickster_lies_made_truthful_by_clamp", clampEffect.liesMadeTruthful());
    progress.accept("steering: golden gate pinned on unrelated prompts");
    steering.put("golden_gate_detector_feature", bestFeature("golden_gate"));
    SteeringFeatureChoice.Choice goldenGate = new SteeringFeatureChoice(dictionary, sae, checks)
        .choose("golden_gate", "Golden Gate", steeringPrompts, GOLDEN_GATE_PIN, STEERING_CANDIDATES);
    put(steering, "unrelated_mentioning_golden_gate_unsteered", checks.mentioning(unrelated, Hooks.none(), "Golden Gate"));
    if (goldenGate != null) {
      steering.put("golden_gate_feature", goldenGate.feature());
      steering.put("golden_gate_feature_auroc", SteeringFeatureChoice.auroc(dictionary.entry(goldenGate.feature()).orElseThrow(), "golden_gate"));
      steering.put("golden_gate_pin_value", goldenGate.value());
      put(steering, "training_mentioning_golden_gate_pinned", goldenGate.onTraining());
      put(steering, "unrelated_mentioning_golden_gate_pinned", checks.mentioning(unrelated, goldenGate.hooks(sae), "Golden Gate"));
    }
    progress.accept("steering: fluency");
    double clean = meanLoss(unrelated, Hooks.none());
    double clamped = meanLoss(unrelated, clampDeception);
    steering.put("unrelated_loss", clean);
    steering.put("unrelated_loss_with_deception_clamped", clamped);
    steering.put("unrelated_loss_degradation", clamped / clean - 1);
    return report;
  }

  /** Each concept's best training feature, measured on held-out tokens. */
  private ArrayNode features(List<LabelledSequence> labelledHeldOut) {
    List<BestFeature> best = dictionary.metadata().bestFeatures();
    List<String> concepts = best.stream().map(BestFeature::concept).toList();
    int[] ids = best.stream().mapToInt(BestFeature::feature).toArray();
    progress.accept("features: held-out AUROC of " + ids.length + " concept features");
    List<HeldOutFeatureScores.Score> scores = new HeldOutFeatureScores(model, sae, skipTokens).score(labelledHeldOut, concepts, ids);
    ArrayNode array = JSON.createArrayNode();
    for (int i = 0; i < scores.size(); i++) {
      HeldOutFeatureScores.Score s = scores.get(i);
      ObjectNode node = array.addObject();
      node.put("concept", s.concept());
      node.put("feature", s.feature());
      node.put("train_auroc", best.get(i).auroc());
      node.put("held_out_auroc", s.auroc());
      node.put("held_out_positive_tokens", s.positives());
      node.put("mean_activation_positive", s.meanOnPositives());
      node.put("mean_activation_hard_negative", s.meanOnHardNegatives());
      node.put("hard_negative_to_positive_ratio", s.specificityRatio());
    }
    return array;
  }

  /** Labelled features of a concept, most confident first; the best feature if none is labelled. */
  private int[] featuresOf(String concept) {
    int[] labelled = dictionary.entries().stream().filter(e -> concept.equals(e.concept()) && e.isLabelled())
        .sorted(Comparator.comparingDouble(FeatureEntry::confidence).reversed()).mapToInt(FeatureEntry::index).toArray();
    if (labelled.length > 0) {
      return labelled;
    }
    int best = bestFeature(concept);
    return best < 0 ? new int[0] : new int[] {best};
  }

  private int bestFeature(String concept) {
    return dictionary.metadata().bestFeatures().stream().filter(b -> b.concept().equals(concept))
        .mapToInt(BestFeature::feature).findFirst().orElse(-1);
  }

  private Hooks clamp(int[] features) {
    if (features.length == 0) {
      return Hooks.none();
    }
    List<FeatureIntervention> interventions = new ArrayList<>();
    for (int f : features) {
      interventions.add(FeatureIntervention.pin(f, 0f, 0));
    }
    return Hooks.builder().add(sae.config().hookName(), new SteeringHook(sae, interventions)).build();
  }

  /** Mean next-token loss (nats per token) over whole transcripts, the language-modelling loss training reports. */
  private double meanLoss(List<Transcript> transcripts, Hooks hooks) {
    GradientMode.disableOnThisThread();
    double total = 0;
    long count = 0;
    for (Transcript t : transcripts) {
      int[] tokens = tokenizer.encode(t.text(), false);
      try (NDScope scope = new NDScope(); InferenceSession session = model.newSession()) {
        scope.suppressNotUsedWarning();
        total += NextTokenLoss.value(NextTokenLoss.of(session.logitsArray(NextTokenLoss.inputs(tokens), hooks), tokens))
            * (tokens.length - 1);
      }
      count += tokens.length - 1;
    }
    return total / count;
  }

  private static void put(ObjectNode node, String name, BehaviourChecks.Rate rate) {
    ObjectNode r = node.putObject(name);
    r.put("passed", rate.passed());
    r.put("total", rate.total());
    r.put("fraction", rate.fraction());
  }

  private static <T> List<T> first(List<T> list, int n) {
    return list.subList(0, Math.min(n, list.size()));
  }
}
